/**
 * The events that queue a message (issue 13 §4), each inside the transaction of the change that causes it, so a
 * message exists exactly when its change committed; the idempotency key makes the same event queue once:
 * - a new application (or a resubmission, or a walk-in waiting for the host) → the host, to approve:
 *   `application:<bookingId>:<change_seq>`;
 * - an arrival (a kiosk's check-in, a later day's entry, a walk-in the desk let in) → the host, with the kiosk's name
 *   and the time: `arrival:<visitId>` (a visit arrives once however often its command is replayed);
 * - a decision (approve / reject / return) → the visitor, with the link to the pass or booking:
 *   `decision:<bookingId>:<change_seq>`.
 * Times are written in the site's zone as MM-DD HH:mm, the same in both languages.
 */
import type { Transaction } from 'kysely';
import { VisitorIdentity } from '../../shared/domain';
import { maskPhone } from '../../shared/mask';
import { siteTimeZone } from '../../shared/siteDay';
import { newId } from '../../platform/secrets';
import type { BookingsTable, CloudSchema, HostsTable } from '../db/schema';
import { findHostOfSite } from '../repositories/hosts';
import { findKioskNameForMessage, insertNotificationOnce, type OutboxRow } from '../repositories/notificationOutbox';
import { findSiteTimezone } from '../repositories/sites';
import { smsParam, type SmsParams, type SmsTemplate } from './templates';

type Trx = Transaction<CloudSchema>;

export interface QueuedMessage<T extends SmsTemplate> {
  kind: 'application' | 'arrival' | 'decision';
  template: T;
  params: SmsParams[T];
  phone: string;
  idempotencyKey: string;
  siteId: string | null;
  bookingId: string | null;
}

/** Queues one message unless its key is queued already; true when this call queued it. */
export async function queueMessage<T extends SmsTemplate>(trx: Trx, m: QueuedMessage<T>, now: Date): Promise<boolean> {
  return insertNotificationOnce(trx, outboxRow(m, now));
}

/** A message's outbox row, pending from `now`. */
function outboxRow<T extends SmsTemplate>(m: QueuedMessage<T>, now: Date): OutboxRow {
  const nowIso = now.toISOString();
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, smsParam(v)]));
  return {
    id: newId('ntf'),
    kind: m.kind,
    site_id: m.siteId,
    booking_id: m.bookingId,
    recipient_phone: m.phone,
    recipient_masked: maskPhone(m.phone),
    template: m.template,
    params: JSON.stringify(params),
    idempotency_key: m.idempotencyKey,
    status: 'pending',
    attempts: 0,
    next_attempt_at: nowIso,
    claim_token: null,
    claimed_until: null,
    last_error: null,
    provider: null,
    provider_message_id: null,
    created_at: nowIso,
    updated_at: nowIso,
    sent_at: null,
  };
}

/** One formatter per zone (making one costs more than the rest of a check-in's notification: issue 12). */
const stampFormats = new Map<string, Intl.DateTimeFormat>();

function stampFormat(timeZone: string): Intl.DateTimeFormat {
  let f = stampFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // zones are few (the sites'); bounded all the same
    if (stampFormats.size >= 64) stampFormats.clear();
    stampFormats.set(timeZone, f);
  }
  return f;
}

/** MM-DD HH:mm in the zone. */
export function localStamp(instant: string, timeZone: string): string {
  const parts = stampFormat(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** A window as 11-22 09:00–17:00 (one day) or 11-22 09:00–11-24 17:00. */
export function localWindow(start: string, end: string, timeZone: string): string {
  const from = localStamp(start, timeZone);
  const to = localStamp(end, timeZone);
  return from.slice(0, 5) === to.slice(0, 5) ? `${from}–${to.slice(6)}` : `${from}–${to}`;
}

async function zoneOf(trx: Trx, siteId: string): Promise<string> {
  return siteTimeZone(await findSiteTimezone(trx, siteId));
}

const visitorOf = (row: BookingsTable): VisitorIdentity => VisitorIdentity.parse(JSON.parse(row.visitor));

/** The host is told there is a visitor to approve (an application, a resubmission, a walk-in waiting at the desk). */
export async function notifyHostOfApplication(trx: Trx, row: BookingsTable, now: Date): Promise<void> {
  const host = await findHostOfSite(trx, row.host_id, row.site_id);
  if (!host) return;
  await queueMessage(
    trx,
    {
      kind: 'application',
      template: 'hostNewApplication',
      params: { visitor: visitorOf(row).name, window: localWindow(row.window_start, row.window_end, await zoneOf(trx, row.site_id)), code: row.code },
      phone: host.phone,
      idempotencyKey: `application:${row.id}:${row.change_seq}`,
      siteId: row.site_id,
      bookingId: row.id,
    },
    now,
  );
}

/** The reads an arrival message needs besides the booking: direct by default, once per transaction for a batch of commands (services/commandReads.ts). */
export interface ArrivalReads {
  kioskName(kioskId: string): Promise<string | null>;
  zone(siteId: string): Promise<string>;
  host(hostId: string, siteId: string): Promise<HostsTable | undefined>;
  /** queues the message unless its idempotency key is already queued (a batch of kiosk commands: at its end, commandReads.ts) */
  queueNotification(row: OutboxRow): Promise<void>;
}

function directArrivalReads(trx: Trx): ArrivalReads {
  return {
    kioskName: (kioskId) => findKioskNameForMessage(trx, kioskId),
    zone: (siteId) => zoneOf(trx, siteId),
    host: (hostId, siteId) => findHostOfSite(trx, hostId, siteId),
    queueNotification: async (row) => {
      await insertNotificationOnce(trx, row);
    },
  };
}

/** The host is told their visitor arrived, at which kiosk and when (a main bill's arrival; companions come with it). */
export async function notifyHostOfArrival(
  trx: Trx,
  row: BookingsTable,
  arrival: { kioskId: string; visitId: string | null; at: string },
  now: Date,
  reads: ArrivalReads = directArrivalReads(trx),
): Promise<void> {
  if (row.main_booking_id !== null) return;
  const host = await reads.host(row.host_id, row.site_id);
  if (!host) return;
  const kiosk = (await reads.kioskName(arrival.kioskId)) ?? arrival.kioskId;
  await reads.queueNotification(
    outboxRow(
      {
        kind: 'arrival',
        template: 'hostVisitorArrived',
        params: { visitor: visitorOf(row).name, kiosk, time: localStamp(arrival.at, await reads.zone(row.site_id)) },
        phone: host.phone,
        idempotencyKey: `arrival:${arrival.visitId ?? row.id}`,
        siteId: row.site_id,
        bookingId: row.id,
      },
      now,
    ),
  );
}

export type DecisionMove = 'approve' | 'reject' | 'return';
const DECISION_TEMPLATES = { approve: 'visitorApproved', reject: 'visitorRejected', return: 'visitorReturned' } as const;

/**
 * The visitor is told the host's decision, with the link to their pass or booking. `row` is the booking as decided
 * (its change_seq the decision's). Not for walk-ins (the desk tells the visitor waiting there) nor sub-bills (the main
 * bill's applicant is told).
 */
export async function notifyVisitorOfDecision(trx: Trx, row: BookingsTable, move: DecisionMove, reason: string | null, now: Date): Promise<void> {
  if (row.source === 'walk_in' || row.main_booking_id !== null) return;
  const host = await findHostOfSite(trx, row.host_id, row.site_id);
  const hostName = host?.name ?? '';
  const base = {
    kind: 'decision' as const,
    phone: visitorOf(row).phone,
    idempotencyKey: `decision:${row.id}:${row.change_seq}`,
    siteId: row.site_id,
    bookingId: row.id,
  };
  const why = reason ?? '';
  if (move === 'approve') {
    const window = localWindow(row.window_start, row.window_end, await zoneOf(trx, row.site_id));
    await queueMessage(trx, { ...base, template: DECISION_TEMPLATES.approve, params: { host: hostName, window, code: row.code } }, now);
  } else if (move === 'reject') {
    await queueMessage(trx, { ...base, template: DECISION_TEMPLATES.reject, params: { host: hostName, reason: why, code: row.code } }, now);
  } else {
    await queueMessage(trx, { ...base, template: DECISION_TEMPLATES.return, params: { reason: why, code: row.code } }, now);
  }
}
