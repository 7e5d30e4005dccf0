/**
 * Walk-ins waiting for their host, kept across a restart (migration 0012): recorded when the wait starts, settled
 * with its last `walkin.decision` (approved: the passes) when it ends. Names are masked; the persons' fields hold
 * only the keys (SHA-256) and masked numbers a walk-in visit records (walkInStore.ts).
 */
import { z } from 'zod';
import { WalkInDecisionEvent, WalkInDecisionState } from '../../../shared/ipc';
import { WalkInOfflineFallback } from '../../../shared/walkIn';
import type { KioskDb } from './openDb';

const WaitPerson = z.object({
  role: z.enum(['lead', 'companion']),
  bookingId: z.string().min(1),
  nameMasked: z.string(),
  fields: z.object({
    idKey: z.string().optional(),
    phoneKey: z.string().optional(),
    idMasked: z.string().optional(),
    company: z.string().optional(),
    title: z.string().optional(),
    hostId: z.string(),
    reason: z.string(),
    visitType: z.string().optional(),
    area: z.string().optional(),
    plate: z.string().optional(),
    mainBookingId: z.string().optional(),
  }),
});
export type WaitPerson = z.infer<typeof WaitPerson>;

export interface StoredWait {
  registrationId: string;
  bookingId: string;
  code: string;
  hostNameMasked: string;
  offlineFallback: WalkInOfflineFallback;
  people: WaitPerson[];
  windowEnd: string;
  registeredAt: string;
  /** `waiting` until it ended; then how */
  state: WalkInDecisionState;
  /** the last walkin.decision (approved: the passes) */
  outcome?: WalkInDecisionEvent;
  settledAt?: string;
}

interface Row {
  registration_id: string;
  booking_id: string;
  code: string;
  lead_name_masked: string;
  host_name_masked: string;
  offline_fallback: string;
  people: string;
  window_end: string;
  registered_at: string;
  state: string;
  outcome: string | null;
  settled_at: string | null;
}

function toWait(row: Row): StoredWait {
  return {
    registrationId: row.registration_id,
    bookingId: row.booking_id,
    code: row.code,
    hostNameMasked: row.host_name_masked,
    offlineFallback: WalkInOfflineFallback.parse(row.offline_fallback),
    people: z.array(WaitPerson).parse(JSON.parse(row.people)),
    windowEnd: row.window_end,
    registeredAt: row.registered_at,
    state: WalkInDecisionState.parse(row.state),
    ...(row.outcome !== null ? { outcome: WalkInDecisionEvent.parse(JSON.parse(row.outcome)) } : {}),
    ...(row.settled_at !== null ? { settledAt: row.settled_at } : {}),
  };
}

/** Records a wait (a second call for the same registration changes nothing). */
export function insertWait(db: KioskDb, w: Omit<StoredWait, 'state' | 'outcome' | 'settledAt'>): void {
  db.prepare(
    `INSERT OR IGNORE INTO walkin_waits (registration_id, booking_id, code, lead_name_masked, host_name_masked, offline_fallback, people, window_end, registered_at)
     VALUES (@registrationId, @bookingId, @code, @lead, @host, @fallback, @people, @windowEnd, @registeredAt)`,
  ).run({
    registrationId: w.registrationId,
    bookingId: w.bookingId,
    code: w.code,
    lead: w.people.find((p) => p.role === 'lead')?.nameMasked ?? '',
    host: w.hostNameMasked,
    fallback: w.offlineFallback,
    people: JSON.stringify(w.people),
    windowEnd: w.windowEnd,
    registeredAt: w.registeredAt,
  });
}

/** The wait ended: how, and its last event (a wait already settled keeps its first ending). */
export function settleWait(db: KioskDb, registrationId: string, state: WalkInDecisionState, outcome: WalkInDecisionEvent | undefined, at: string): void {
  db.prepare(`UPDATE walkin_waits SET state = ?, outcome = ?, settled_at = ? WHERE registration_id = ? AND state = 'waiting'`).run(
    state,
    outcome !== undefined ? JSON.stringify(outcome) : null,
    at,
    registrationId,
  );
}

/** Waits not ended yet, oldest first. */
export function openWaits(db: KioskDb): StoredWait[] {
  return (db.prepare(`SELECT * FROM walkin_waits WHERE state = 'waiting' ORDER BY registered_at`).all() as Row[]).map(toWait);
}

/** Waits registered since `sinceIso` or still open, newest first (the desk's 等待中的访客 list). */
export function recentWaits(db: KioskDb, sinceIso: string, limit = 50): StoredWait[] {
  return (
    db.prepare(`SELECT * FROM walkin_waits WHERE registered_at >= ? OR state = 'waiting' ORDER BY registered_at DESC LIMIT ?`).all(sinceIso, limit) as Row[]
  ).map(toWait);
}

export function getWait(db: KioskDb, registrationId: string): StoredWait | undefined {
  const row = db.prepare(`SELECT * FROM walkin_waits WHERE registration_id = ?`).get(registrationId) as Row | undefined;
  return row ? toWait(row) : undefined;
}

/** The withdrawal (cancelWalkIn) of a walk-in already in the outbox, if any. */
export function hasWithdrawal(db: KioskDb, bookingId: string): boolean {
  return db.prepare(`SELECT 1 FROM outbox WHERE kind = 'cancelWalkIn' AND booking_id = ?`).get(bookingId) !== undefined;
}
