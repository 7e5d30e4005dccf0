/**
 * The check every fault drill ends in (issue 12 item 3): once the network is healthy and the kiosk has pushed what
 * it holds, every check-in and sign-out the kiosk confirmed to a person is in the cloud exactly once, and kiosk and
 * cloud agree on every booking of the drill.
 */
import { expect } from 'vitest';
import type { KioskCore } from '../../../src/main/core/kioskCore';
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../../../src/cloud/db/schema';

export interface DrillOutcome {
  /** every booking of the drill: each must end checked in */
  bookingIds: readonly string[];
  /** the bookings whose visitor was to sign out again: each must end signed out */
  signOut: ReadonlySet<string>;
  /** booking → visit of each check-in a person saw confirmed */
  confirmedCheckIns: ReadonlyMap<string, string>;
  /** bookings whose sign-out a person saw confirmed */
  confirmedSignOuts: ReadonlySet<string>;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

export async function drainAndExpectAgreement(core: KioskCore, cloudDb: Kysely<CloudSchema>, outcome: DrillOutcome): Promise<void> {
  for (let i = 0; i < 20 && core.sync.state().pendingCommands > 0; i++) await core.sync.now();
  const state = core.sync.state();
  expect(state.pendingCommands, 'commands left in the outbox').toBe(0);
  expect(state.conflicts, 'conflicts').toBe(0);
  const kioskId = core.identity()?.kioskId;
  expect(kioskId).toBeDefined();

  // the kiosk: one visit a booking, every booking checked in, each confirmation the visit kept
  const visits = core.db.prepare('SELECT id, booking_id AS bookingId, checked_out_at AS out FROM visits').all() as {
    id: string;
    bookingId: string;
    out: string | null;
  }[];
  const visitOf = new Map(visits.map((v) => [v.bookingId, v.id]));
  expect(visitOf.size, 'one visit a booking at the kiosk').toBe(visits.length);
  expect(sorted(visitOf.keys())).toEqual(sorted(outcome.bookingIds));
  for (const [bookingId, visitId] of outcome.confirmedCheckIns) expect(visitOf.get(bookingId), `the confirmed visit of ${bookingId}`).toBe(visitId);
  const signedOut = new Set(visits.filter((v) => v.out !== null).map((v) => v.bookingId));
  expect(sorted(signedOut)).toEqual(sorted(outcome.signOut));
  for (const bookingId of outcome.confirmedSignOuts) expect(signedOut.has(bookingId), `the confirmed sign-out of ${bookingId}`).toBe(true);

  // the cloud: each booking in the kiosk's state, by exactly one applied check-in (and sign-out) of this kiosk
  const rows = await cloudDb
    .selectFrom('bookings')
    .select(['id', 'status', 'arrived_visit_id', 'arrived_kiosk_id'])
    .where('id', 'in', [...outcome.bookingIds])
    .execute();
  expect(rows).toHaveLength(outcome.bookingIds.length);
  for (const row of rows) {
    expect(row, `booking ${row.id} at the cloud`).toMatchObject({
      status: outcome.signOut.has(row.id) ? 'left' : 'arrived',
      arrived_visit_id: visitOf.get(row.id),
      arrived_kiosk_id: kioskId,
    });
  }
  const applied = await cloudDb
    .selectFrom('applied_commands')
    .select(['kind', 'booking_id', 'visit_id', 'status'])
    .where('kiosk_id', '=', kioskId!)
    .where('kind', 'in', ['checkin', 'checkout'])
    .execute();
  expect(applied.filter((a) => a.status !== 'applied')).toEqual([]);
  const checkins = applied.filter((a) => a.kind === 'checkin');
  expect(sorted(checkins.map((a) => a.booking_id!)), 'one applied check-in a booking').toEqual(sorted(outcome.bookingIds));
  for (const a of checkins) expect(a.visit_id).toBe(visitOf.get(a.booking_id!));
  const checkouts = applied.filter((a) => a.kind === 'checkout');
  expect(sorted(checkouts.map((a) => a.visit_id!)), 'one applied sign-out a signed-out visit').toEqual(
    sorted([...outcome.signOut].map((b) => visitOf.get(b)!)),
  );
}
