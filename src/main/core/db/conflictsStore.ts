/**
 * Conflicts as staff see them: outbox commands the cloud answered with `conflict` or `rejected`, joined with
 * the local booking (code, visitor) and, for a check-out that names no booking, with the visit. Acknowledging
 * one marks it seen: it stays in the outbox (until the retention purge) but no longer counts.
 */
import type { SyncConflict } from '../../../shared/ipc';
import { redactText } from '../../../shared/mask';
import { maskName } from '../../../shared/mask';
import { CommandResult } from '../../../shared/sync';
import type { KioskDb } from './openDb';

interface ConflictRow {
  id: string;
  kind: string;
  at: string;
  state: 'conflict' | 'rejected';
  result: string | null;
  last_error: string | null;
  error_code: string | null;
  acknowledged_at: string | null;
  booking_id: string | null;
  booking_code: string | null;
  booking_visitor_name: string | null;
  visit_visitor_name: string | null;
}

const CONFLICT_STATES = `('conflict', 'rejected')`;

const SELECT_CONFLICTS = `
  SELECT o.id, o.kind, o.at, o.state, o.result, o.last_error, o.error_code, o.acknowledged_at,
         COALESCE(o.booking_id, v.booking_id) AS booking_id,
         b.code AS booking_code,
         json_extract(b.json, '$.visitor.name') AS booking_visitor_name,
         v.visitor_name AS visit_visitor_name
    FROM outbox o
    LEFT JOIN visits v ON v.id = json_extract(o.payload, '$.visitId')
    LEFT JOIN bookings b ON b.id = COALESCE(o.booking_id, v.booking_id)
   WHERE o.state IN ${CONFLICT_STATES}`;

function storedResult(text: string | null): CommandResult | undefined {
  if (text === null) return undefined;
  try {
    const parsed = CommandResult.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** the kinds a conflict names as they are; any other (an audit entry) reads as a check-in */
const CONFLICT_KINDS: readonly SyncConflict['kind'][] = ['checkout', 'registerWalkIn', 'cancelWalkIn', 'uploadVisitorPhoto', 'blacklistHit'];

function toConflict(row: ConflictRow): SyncConflict {
  const result = storedResult(row.result);
  const kind: SyncConflict['kind'] = CONFLICT_KINDS.find((k) => k === row.kind) ?? 'checkin';
  const conflict: SyncConflict = {
    commandId: row.id,
    kind,
    at: row.at,
    status: row.state,
    // a refused batch has no per-command result: the code of the cloud's refusal was kept instead
    code: result?.code ?? row.error_code ?? row.state,
    message: redactText(result?.message ?? row.last_error ?? ''),
  };
  if (row.booking_id !== null) conflict.bookingId = row.booking_id;
  if (row.booking_code !== null) conflict.bookingCode = row.booking_code;
  const name = row.booking_visitor_name ?? row.visit_visitor_name;
  if (name !== null && name.trim() !== '') conflict.visitorName = maskName(name);
  if (row.acknowledged_at !== null) conflict.acknowledgedAt = row.acknowledged_at;
  return conflict;
}

/** Every conflict still recorded: the ones not yet acknowledged first, then newest first. */
export function listConflicts(db: KioskDb): SyncConflict[] {
  const rows = db.prepare(`${SELECT_CONFLICTS} ORDER BY (o.acknowledged_at IS NOT NULL), o.seq DESC`).all() as ConflictRow[];
  return rows.map(toConflict);
}

/** What the status bar counts: conflicts nobody has acknowledged yet. */
export function countUnacknowledgedConflicts(db: KioskDb): number {
  const row = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state IN ${CONFLICT_STATES} AND acknowledged_at IS NULL`).get() as { n: number };
  return row.n;
}

/**
 * Marks a conflict seen at `at`. Acknowledging again keeps the first time. False when `commandId` is no
 * conflict (unknown, pending or sent).
 */
export function acknowledgeConflict(db: KioskDb, commandId: string, at: Date): boolean {
  return db.transaction((): boolean => {
    const row = db.prepare(`SELECT acknowledged_at FROM outbox WHERE id = ? AND state IN ${CONFLICT_STATES}`).get(commandId) as
      { acknowledged_at: string | null } | undefined;
    if (!row) return false;
    if (row.acknowledged_at === null) db.prepare('UPDATE outbox SET acknowledged_at = ? WHERE id = ?').run(at.toISOString(), commandId);
    return true;
  })();
}
