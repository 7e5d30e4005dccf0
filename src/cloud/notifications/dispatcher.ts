/**
 * The notification dispatcher (issue 13 §4): claims the outbox's due messages (repositories/notificationOutbox.ts:
 * one sender per row, across processes), sends each through the configured provider outside any transaction, and
 * records the outcome: sent; to retry after a backoff (30 s, 1 min, 2 min… at most an hour) when the provider says
 * the failure may pass; given up (failed, audited) when it will not, or after maxAttempts. A sender that dies
 * mid-send leaves its claim to run out (claimMs), then the message is due again (an SMS may then go twice: the
 * provider's API is not idempotent; the claim outlasts any send's timeout so that a live sender never loses it).
 * The cloud server process runs it on a timer (server.ts), like the sweep job; any number of processes may.
 * The outcomes of a run are written in one transaction (at the latest every RECORD_EVERY_MS of sending): one commit,
 * not one per message.
 */
import type { Kysely } from 'kysely';
import { messageOf } from '../../shared/errorText';
import { redactText } from '../../shared/mask';
import { newId } from '../../platform/secrets';
import type { CloudDialect } from '../db/database';
import type { CloudSchema } from '../db/schema';
import { writeAudit } from '../repositories/audit';
import { claimDueNotifications, finishNotification, type OutboxRow } from '../repositories/notificationOutbox';
import type { NotificationSettings, SendOutcome, SmsMessage } from './provider';
import { isSmsTemplate, renderSms, type SmsTemplate } from './templates';

export interface DispatchPolicy {
  /** messages claimed per run */
  batch: number;
  /** attempts before a retryable failure is given up */
  maxAttempts: number;
  /** the first retry's delay; each next one doubles, up to maxDelayMs */
  baseDelayMs: number;
  maxDelayMs: number;
  /** how long a claim holds a message for its sender */
  claimMs: number;
}

export const DISPATCH_POLICY: DispatchPolicy = { batch: 20, maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 3_600_000, claimMs: 120_000 };

/** How often the cloud server process runs the dispatcher by default (PASSDESK_NOTIFY_INTERVAL_SECONDS). */
export const NOTIFY_INTERVAL_MS = 5_000;

/** The wait before the next attempt, after `attempts` attempts: base · 2^(attempts−1), at most maxDelayMs. */
export function retryDelayMs(attempts: number, policy: Pick<DispatchPolicy, 'baseDelayMs' | 'maxDelayMs'> = DISPATCH_POLICY): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** A message as a provider takes it, or why the row cannot be one. */
function messageOfRow(row: OutboxRow, settings: NotificationSettings): SmsMessage | { problem: string } {
  if (row.recipient_phone === null) return { problem: 'the message has no recipient number' };
  if (!isSmsTemplate(row.template)) return { problem: `unknown template ${row.template}` };
  let params: Record<string, string>;
  try {
    params = JSON.parse(row.params) as Record<string, string>;
  } catch {
    return { problem: 'the message’s parameters are not JSON' };
  }
  const template: SmsTemplate = row.template;
  return { phone: row.recipient_phone, template, params, text: renderSms(template, params, settings.language, settings.publicUrl), reference: row.id };
}

/** Sends through the provider; a throw (a fault of the provider's code or the network) is a retryable failure. */
export async function sendThrough(settings: Pick<NotificationSettings, 'provider'>, message: SmsMessage): Promise<SendOutcome> {
  try {
    return await settings.provider.send(message);
  } catch (err) {
    return { kind: 'retry', code: 'provider_error', message: redactText(messageOf(err)) };
  }
}

/** Claims the due messages once and sends them; returns what happened. `now` is read at each step. */
export async function runNotificationDispatch(
  db: Kysely<CloudSchema>,
  dialect: CloudDialect,
  settings: NotificationSettings,
  now: () => Date,
  policy: DispatchPolicy = DISPATCH_POLICY,
  log: (line: string) => void = () => undefined,
): Promise<DispatchResult> {
  const token = newId('snd');
  const start = now();
  const rows = await claimDueNotifications(db, dialect, {
    token,
    nowIso: start.toISOString(),
    claimedUntil: new Date(start.getTime() + policy.claimMs).toISOString(),
    limit: policy.batch,
  });
  const result: DispatchResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
  // outcomes are written together, in one transaction (a SQLite commit is an fsync on the event loop's thread: one per
  // message stalled every request for 20 of them, issue 12), at the latest every RECORD_EVERY_MS of sending, so that a
  // sender that dies mid-batch sends again at most that long's messages once their claims run out
  let unrecorded: Outcome[] = [];
  let recordedAt = Date.now();
  const record = async () => {
    const outcomes = unrecorded;
    unrecorded = [];
    recordedAt = Date.now();
    if (outcomes.length > 0) await recordOutcomes(db, token, settings, policy, outcomes, result, log);
  };
  for (const row of rows) {
    const message = messageOfRow(row, settings);
    const outcome: SendOutcome = 'problem' in message ? { kind: 'fail', code: 'bad_message', message: message.problem } : await sendThrough(settings, message);
    unrecorded.push({ row, outcome, at: now() });
    if (Date.now() - recordedAt >= RECORD_EVERY_MS) await record();
  }
  await record();
  return result;
}

/** How long a dispatcher sends before it writes the outcomes so far (they are written together, see below). */
export const RECORD_EVERY_MS = 1_000;

interface Outcome {
  row: OutboxRow;
  outcome: SendOutcome;
  at: Date;
}

/** Writes the outcomes of several attempts in one transaction (each only while its claim is still this sender's). */
async function recordOutcomes(
  db: Kysely<CloudSchema>,
  token: string,
  settings: NotificationSettings,
  policy: DispatchPolicy,
  outcomes: readonly Outcome[],
  result: DispatchResult,
  log: (line: string) => void,
): Promise<void> {
  const lines: string[] = [];
  const counts = { sent: 0, retried: 0, failed: 0 };
  await db.transaction().execute(async (trx) => {
    for (const { row, outcome, at } of outcomes) {
      const atIso = at.toISOString();
      if (outcome.kind === 'sent') {
        await finishNotification(trx, row.id, token, {
          status: 'sent',
          sent_at: atIso,
          provider: settings.provider.name,
          provider_message_id: outcome.providerMessageId ?? null,
          recipient_phone: null,
          last_error: null,
          updated_at: atIso,
        });
        counts.sent++;
        continue;
      }
      const error = redactText(`${outcome.code}: ${outcome.message}`).slice(0, 500);
      if (outcome.kind === 'retry' && row.attempts < policy.maxAttempts) {
        const next = new Date(at.getTime() + retryDelayMs(row.attempts, policy)).toISOString();
        await finishNotification(trx, row.id, token, {
          status: 'pending',
          next_attempt_at: next,
          last_error: error,
          provider: settings.provider.name,
          updated_at: atIso,
        });
        lines.push(`notification ${row.id} (${row.template} to ${row.recipient_masked}) attempt ${row.attempts} failed, retrying at ${next}: ${error}`);
        counts.retried++;
        continue;
      }
      const mine = await finishNotification(trx, row.id, token, {
        status: 'failed',
        last_error: error,
        provider: settings.provider.name,
        recipient_phone: null,
        updated_at: atIso,
      });
      if (mine) {
        await writeAudit(trx, {
          at,
          actor: 'notifier',
          action: 'notification.failed',
          subject: row.booking_id ?? row.id,
          detail: { notificationId: row.id, template: row.template, recipient: row.recipient_masked, attempts: row.attempts, error },
        });
      }
      lines.push(`notification ${row.id} (${row.template} to ${row.recipient_masked}) given up after ${row.attempts} attempt(s): ${error}`);
      counts.failed++;
    }
  });
  // counted and logged once written (a failed write leaves the claims to run out: the messages are due again)
  result.sent += counts.sent;
  result.retried += counts.retried;
  result.failed += counts.failed;
  for (const line of lines) log(line);
}
