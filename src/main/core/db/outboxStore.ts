/**
 * The outbox: every change made at the kiosk, as a signed command with a client-made id, kept in order
 * until the cloud has answered it. Answered commands stay (sent, conflict or rejected) with the answer:
 * nothing is silently dropped. A sent command keeps only its ids and the hash of what was sent (outboxKept.ts): the
 * people's data in it are cleared as the cloud's answer is recorded, in the same transaction.
 */
import { CommandBody, CommandResult, SignedCommand, type CommandKind } from '../../../shared/sync';
import { redactText } from '../../../shared/mask';
import type { KioskDb } from './openDb';
import { keptPayload, keptResult, payloadSha256, type KeptPayload } from './outboxKept';

export type OutboxState = 'pending' | 'sent' | 'conflict' | 'rejected';

/** A sent command as kept: its payload reduced to ids (outboxKept.ts). */
export interface ClearedCommand {
  id: string;
  kioskId: string;
  at: string;
  sig: string;
  kind: CommandKind;
  payload: KeptPayload;
  /** the SHA-256 hex of the payload as it was sent */
  payloadSha256: string;
}

/** Whether a stored command is a sent one whose payload was cleared. */
export const isClearedCommand = (c: SignedCommand | ClearedCommand): c is ClearedCommand => 'payloadSha256' in c;

/** A command in the outbox: a pending one (`OutboxEntry<SignedCommand>`) is always whole. */
export interface OutboxEntry<C extends SignedCommand | ClearedCommand = SignedCommand | ClearedCommand> {
  command: C;
  attempts: number;
  lastError?: string;
  state: OutboxState;
  result?: CommandResult;
}

interface OutboxRow {
  id: string;
  kind: string;
  payload: string;
  at: string;
  signature: string;
  attempts: number;
  last_error: string | null;
  state: OutboxState;
  result: string | null;
  /** set once the payload was cleared (a sent command, migration 0018) */
  payload_sha256: string | null;
}

function commandOf(row: OutboxRow, kioskId: string): SignedCommand | ClearedCommand {
  if (row.payload_sha256 === null) return signedCommandOf(row, kioskId);
  const kind = CommandBody.options.map((o) => o.shape.kind.value).find((k) => k === row.kind);
  if (kind === undefined) throw new Error(`outbox: unknown command kind ${row.kind}`);
  const payload = JSON.parse(row.payload) as KeptPayload;
  return { id: row.id, kioskId, at: row.at, sig: row.signature, kind, payload, payloadSha256: row.payload_sha256 };
}

function signedCommandOf(row: OutboxRow, kioskId: string): SignedCommand {
  return SignedCommand.parse({
    id: row.id,
    kioskId,
    at: row.at,
    sig: row.signature,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
  });
}

function toEntry<C extends SignedCommand | ClearedCommand>(row: OutboxRow, command: C): OutboxEntry<C> {
  const entry: OutboxEntry<C> = { command, attempts: row.attempts, state: row.state };
  if (row.last_error !== null) entry.lastError = row.last_error;
  if (row.result !== null) entry.result = CommandResult.parse(JSON.parse(row.result));
  return entry;
}

export function enqueueCommand(db: KioskDb, command: SignedCommand): void {
  // a blacklist refusal changes no booking: it must not hold the booking's pulled state back (applyPull.ts)
  const bookingId = command.kind !== 'blacklistHit' && 'bookingId' in command.payload ? (command.payload.bookingId ?? null) : null;
  db.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, booking_id) VALUES (@id, @kind, @payload, @at, @sig, @bookingId)`).run({
    id: command.id,
    kind: command.kind,
    payload: JSON.stringify(command.payload),
    at: command.at,
    sig: command.sig,
    bookingId,
  });
}

/** Whether a command with this id is in the outbox (whatever its state). */
export function hasCommand(db: KioskDb, id: string): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE id = ?').get(id) !== undefined;
}

/** Queues the command unless one with its id is queued already (a repeated confirmation, a report made before); answers whether it did. */
export function enqueueCommandOnce(db: KioskDb, command: SignedCommand): boolean {
  return db.transaction((): boolean => {
    if (hasCommand(db, command.id)) return false;
    enqueueCommand(db, command);
    return true;
  })();
}

/** Pending commands, oldest first. The kiosk id is the enrolled one (commands are only made when enrolled). */
export function pendingCommands(db: KioskDb, kioskId: string, limit: number): OutboxEntry<SignedCommand>[] {
  const rows = db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`).all(limit) as OutboxRow[];
  return rows.map((r) => toEntry(r, signedCommandOf(r, kioskId)));
}

export function allCommands(db: KioskDb, kioskId: string): OutboxEntry[] {
  const rows = db.prepare(`SELECT * FROM outbox ORDER BY seq`).all() as OutboxRow[];
  return rows.map((r) => toEntry(r, commandOf(r, kioskId)));
}

/** The commands in each state: read from the counts the outbox's triggers keep (migration 0017), never counted. */
export function countByState(db: KioskDb): Record<OutboxState, number> {
  const rows = db.prepare('SELECT state, n FROM outbox_counts').all() as { state: OutboxState; n: number }[];
  const out: Record<OutboxState, number> = { pending: 0, sent: 0, conflict: 0, rejected: 0 };
  for (const r of rows) out[r.state] = r.n;
  return out;
}

export function hasPendingCommandFor(db: KioskDb, bookingId: string): boolean {
  return db.prepare(`SELECT 1 FROM outbox WHERE booking_id = ? AND state = 'pending' LIMIT 1`).get(bookingId) !== undefined;
}

/**
 * A refused blacklist report (blacklistReport.ts; an older cloud without the kind) is kept acknowledged: the refusal was
 * shown at the desk when it happened, the report leaves the staff nothing to do.
 */
const ACK_REPORT = `acknowledged_at = CASE WHEN kind = 'blacklistHit' THEN COALESCE(acknowledged_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ELSE acknowledged_at END`;

/**
 * Records the cloud's answer for one command. A command the cloud took (applied or a duplicate) keeps only its ids,
 * the hash of its payload and the answer without the booking sent back with it (outboxKept.ts), in one transaction.
 */
export function recordResult(db: KioskDb, result: CommandResult): void {
  const state: OutboxState = result.status === 'applied' || result.status === 'duplicate' ? 'sent' : result.status;
  const error = state === 'sent' ? null : redactText(`${result.code ?? result.status}: ${result.message ?? ''}`.trim());
  const resultText = JSON.stringify(result);
  db.transaction(() => {
    const row = db.prepare(`SELECT kind, payload FROM outbox WHERE id = ? AND state = 'pending'`).get(result.id) as
      { kind: string; payload: string } | undefined;
    if (!row) return;
    if (state !== 'sent') {
      db.prepare(`UPDATE outbox SET state = ?, result = ?, last_error = ?, attempts = attempts + 1, ${ACK_REPORT} WHERE id = ?`).run(
        state,
        resultText,
        error,
        result.id,
      );
      return;
    }
    const kept = JSON.stringify(keptPayload(row.kind, JSON.parse(row.payload) as unknown));
    db.prepare(`UPDATE outbox SET state = 'sent', payload = ?, payload_sha256 = ?, result = ?, last_error = NULL, attempts = attempts + 1 WHERE id = ?`).run(
      kept,
      payloadSha256(row.payload),
      keptResult(resultText),
      result.id,
    );
  })();
}

/** A try that failed as a whole (network, 5xx): the commands stay pending. */
export function recordAttemptFailure(db: KioskDb, ids: readonly string[], error: string): void {
  const stmt = db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'`);
  db.transaction(() => ids.forEach((id) => stmt.run(error, id)))();
}

/** The cloud refused the whole batch (a 4xx): the commands are kept as rejected, with the error and the cloud's code. */
export function rejectCommands(db: KioskDb, ids: readonly string[], error: string, code?: string): void {
  const stmt = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, error_code = ?, state = 'rejected', ${ACK_REPORT} WHERE id = ? AND state = 'pending'`,
  );
  db.transaction(() => ids.forEach((id) => stmt.run(error, code ?? null, id)))();
}

/**
 * Re-enrolling or leaving, confirmed by staff: the commands still pending are given up (kept as rejected with the
 * reason, never pushed: they are signed by an identity the kiosk no longer holds). Answers how many.
 */
export function discardPendingCommands(db: KioskDb, reason: string): number {
  return db.prepare(`UPDATE outbox SET last_error = ?, error_code = 'discarded', state = 'rejected' WHERE state = 'pending'`).run(reason).changes;
}

/** Pending commands that are visitor records (check-ins and -outs, walk-ins, passages), not admin audit entries or refusals reported. */
export function countPendingRecords(db: KioskDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND kind NOT IN ('adminAudit', 'blacklistHit')`).get() as { n: number }).n;
}
