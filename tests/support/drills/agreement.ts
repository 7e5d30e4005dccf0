/**
 * The check every fault drill ends in (issue 12 item 3): once the network is healthy and the kiosk has pushed what
 * it holds, every check-in and sign-out the kiosk confirmed to a person is in the cloud exactly once, and kiosk and
 * cloud agree on every booking of the drill.
 */
import { expect } from 'vitest';
import type { KioskCore } from '../../../src/main/core/kioskCore';
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../../../src/cloud/db/schema';

/** The cloud's row of every booking of a drill (each must be there). */
async function cloudBookingRows(cloudDb: Kysely<CloudSchema>, bookingIds: readonly string[]) {
  const ids = [...bookingIds]; // a mutable copy for the query builder
  const rows = await cloudDb.selectFrom('bookings').select(['id', 'status', 'arrived_visit_id', 'arrived_kiosk_id']).where('id', 'in', ids).execute();
  expect(rows).toHaveLength(ids.length);
  return rows;
}

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
  const rows = await cloudBookingRows(cloudDb, outcome.bookingIds);
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

/** What each kiosk of a fleet confirmed: booking → visit of each check-in a person saw confirmed there. */
export interface FleetOutcome {
  bookingIds: readonly string[];
  confirmedCheckIns: readonly ReadonlyMap<string, string>[];
  /** the bookings checked in at more than one kiosk: each must end in exactly one conflict, and only they */
  contested: ReadonlySet<string>;
}

/**
 * The check every drill ends in, for several kiosks (a fleet): once each has pushed what it holds and pulled, every
 * confirmed check-in is in the cloud exactly once — one applied check-in a booking, by the kiosk and visit that
 * confirmed it; a booking two kiosks took is applied for one of them and a conflict (already_arrived) for the other —
 * no conflict elsewhere, and every kiosk agrees with the cloud on every booking.
 */
export async function drainFleetAndExpectAgreement(cores: readonly KioskCore[], cloudDb: Kysely<CloudSchema>, outcome: FleetOutcome): Promise<void> {
  for (const core of cores) {
    for (let i = 0; i < 20 && core.sync.state().pendingCommands > 0; i++) await core.sync.now();
    expect(core.sync.state().pendingCommands, 'commands left in an outbox').toBe(0);
  }
  for (const core of cores) await core.sync.now(); // each hears what the others pushed
  const kioskIds = cores.map((c) => c.identity()!.kioskId);

  const applied = await cloudDb
    .selectFrom('applied_commands')
    .select(['kiosk_id', 'booking_id', 'visit_id', 'status', 'code'])
    .where('kind', '=', 'checkin')
    .where('kiosk_id', 'in', kioskIds)
    .execute();
  const winners = new Map<string, { kioskId: string; visitId: string }>();
  const conflicted: string[] = [];
  for (const a of applied) {
    if (a.status === 'applied') {
      expect(winners.has(a.booking_id!), `a second applied check-in of ${a.booking_id}`).toBe(false);
      winners.set(a.booking_id!, { kioskId: a.kiosk_id, visitId: a.visit_id! });
    } else {
      expect(a, 'a check-in that was not applied').toMatchObject({ status: 'conflict', code: 'already_arrived' });
      conflicted.push(a.booking_id!);
    }
  }
  expect(sorted(winners.keys()), 'one applied check-in a booking').toEqual(sorted(outcome.bookingIds));
  expect(sorted(conflicted), 'conflicts: the contested bookings, once each').toEqual(sorted(outcome.contested));
  for (const [k, confirmed] of outcome.confirmedCheckIns.entries()) {
    for (const [bookingId, visitId] of confirmed) {
      const winner = winners.get(bookingId)!;
      if (outcome.contested.has(bookingId)) continue;
      expect(winner, `the confirmed check-in of ${bookingId}`).toEqual({ kioskId: kioskIds[k], visitId });
    }
  }

  const rows = await cloudBookingRows(cloudDb, outcome.bookingIds);
  const cloudState = new Map(rows.map((r) => [r.id, `${r.status} ${r.arrived_visit_id ?? '-'}`]));
  for (const r of rows) expect({ kioskId: r.arrived_kiosk_id, visitId: r.arrived_visit_id }, `booking ${r.id} at the cloud`).toEqual(winners.get(r.id));
  for (const [k, core] of cores.entries()) {
    expect(core.sync.state().conflicts, `conflicts at kiosk ${k + 1}`).toBe(
      conflicted.filter((b) => outcome.confirmedCheckIns[k]!.has(b) && winners.get(b)!.kioskId !== kioskIds[k]).length,
    );
    const local = core.db.prepare("SELECT id, status, json_extract(json, '$.arrivedVisitId') AS visitId FROM bookings").all() as {
      id: string;
      status: string;
      visitId: string | null;
    }[];
    const kioskState = new Map(local.filter((b) => cloudState.has(b.id)).map((b) => [b.id, `${b.status} ${b.visitId ?? '-'}`]));
    expect(kioskState.size, `kiosk ${k + 1} holds every booking`).toBe(cloudState.size);
    const disagreeing = [...cloudState].filter(([id, state]) => kioskState.get(id) !== state);
    expect(disagreeing.slice(0, 5), `kiosk ${k + 1} disagrees with the cloud on ${disagreeing.length} bookings`).toEqual([]);
  }
}
