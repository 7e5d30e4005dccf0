/**
 * Issue 9 item 7, the cloud's side of multi-day visits after the day they began, on SQLite and PostgreSQL: the kiosk
 * route of today's visitors lists day 2 of a multi-day visit with today's entries and exits and where the visitor
 * stands; staff ending a visit is applied once; the end-of-window sweep (src/cloud/services/visitSweep.ts) closes
 * arrived visits whose window has ended, in one statement, each with its own change_seq, flagged exitUnrecorded, safe
 * when several sweeps run at once; an exit reported after the sweep, made inside the window, replaces the sweep's.
 * Issue 12: the sweep runs in the periodic job (sweepJob.ts) with the expiry sweep, never inside a pull or today's list.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import type { TodayVisits } from '../../../../src/shared/kioskDirectory';
import type { PullResponse, PushResponse, UnsignedCommand } from '../../../../src/shared/sync';
import { checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand, type Kiosk } from '../../../support/cloud/harness';

// 10:00 on 11-22 to 18:00 on 11-24, Asia/Shanghai
const MULTI = { windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-24T10:00:00.000Z' };
const DAY2_0900 = new Date('2026-11-23T01:00:00.000Z');

describe.each(DIALECTS)('multi-day visits after their first day, and the end-of-window sweep (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const push = async (kiosk: Kiosk, cmd: UnsignedCommand) => {
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, cmd)] } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>().results[0]!;
  };
  const command = (kiosk: Kiosk, at: string, body: Pick<UnsignedCommand, 'kind' | 'payload'>): UnsignedCommand => ({
    id: randomUUID(),
    kioskId: kiosk.kioskId,
    at,
    ...body,
  });
  const today = async (kiosk: Kiosk) => {
    const res = await env.request('GET', '/kiosk/visits/today', { token: kiosk.credential });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TodayVisits>();
  };
  /** the periodic job (sweepJob.ts) run once as of `at`: how many visits it closed */
  const sweep = async (at: Date) => (await runSweepJob(env.kysely, env.db.dialect, at)).left;
  const row = (id: string) =>
    env.kysely.selectFrom('bookings').select(['status', 'left_at', 'expired_from', 'change_seq']).where('id', '=', id).executeTakeFirstOrThrow();

  it('day 2 of a multi-day visit is among today’s visitors, with today’s state: none, in after the entry, out after the exit', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, MULTI);
    const yesterday = await env.approvedBooking(host, { windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-22T09:00:00.000Z' });
    const kiosk = await env.enrolKiosk();
    const visitId = randomUUID();
    await push(kiosk, checkin(kiosk, booking.id, { visitId, at: '2026-11-22T02:05:00.000Z' }));
    await push(kiosk, checkin(kiosk, yesterday.id, { at: '2026-11-22T02:06:00.000Z' }));
    await push(kiosk, command(kiosk, '2026-11-22T09:00:00.000Z', { kind: 'checkout', payload: { visitId, bookingId: booking.id } }));

    env.clock = DAY2_0900;
    const before = await today(kiosk);
    expect(before.date).toBe('2026-11-23');
    expect(before.visits).toEqual([expect.objectContaining({ bookingId: booking.id, multiDay: true, todayState: 'none', passagesToday: [] })]);

    const entry = command(kiosk, '2026-11-23T01:10:00.000Z', {
      kind: 'passage',
      payload: { direction: 'entry', passId: visitId, bookingId: booking.id, visitId },
    });
    expect(await push(kiosk, entry)).toMatchObject({ status: 'applied' });
    expect(await push(kiosk, entry)).toMatchObject({ status: 'duplicate' });
    expect((await today(kiosk)).visits[0]).toMatchObject({ todayState: 'in', passagesToday: [{ direction: 'entry', at: '2026-11-23T01:10:00.000Z' }] });

    await push(kiosk, command(kiosk, '2026-11-23T08:00:00.000Z', { kind: 'checkout', payload: { visitId, bookingId: booking.id } }));
    env.clock = new Date('2026-11-23T08:30:00.000Z');
    expect((await today(kiosk)).visits[0]).toMatchObject({
      todayState: 'out',
      passagesToday: [
        { direction: 'entry', at: '2026-11-23T01:10:00.000Z' },
        { direction: 'exit', at: '2026-11-23T08:00:00.000Z' },
      ],
    });
    // a one-day visit of yesterday is not today's
    expect((await today(kiosk)).visits.map((v) => v.bookingId)).not.toContain(yesterday.id);
  });

  it('staff end a multi-day visit early: applied once (a repeat is a duplicate), left with the exit recorded, gone from tomorrow’s list', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, MULTI);
    const kiosk = await env.enrolKiosk();
    const visitId = randomUUID();
    await push(kiosk, checkin(kiosk, booking.id, { visitId, at: '2026-11-22T02:05:00.000Z' }));
    env.clock = DAY2_0900;
    const end = command(kiosk, '2026-11-23T02:00:00.000Z', { kind: 'checkout', payload: { visitId, bookingId: booking.id, endVisit: true } });
    expect(await push(kiosk, end)).toMatchObject({ status: 'applied', booking: { status: 'left', leftAt: '2026-11-23T02:00:00.000Z' } });
    expect(await push(kiosk, end)).toMatchObject({ status: 'duplicate' });
    expect(await env.kysely.selectFrom('applied_commands').select('id').where('id', '=', end.id).execute()).toHaveLength(1);
    expect((await today(kiosk)).visits[0]).toMatchObject({ bookingId: booking.id, todayState: 'out' });
    expect((await today(kiosk)).visits[0]?.exitUnrecorded).toBeUndefined();
    env.clock = new Date('2026-11-24T01:00:00.000Z');
    expect((await today(kiosk)).visits).toEqual([]);
  });

  it('the sweep: arrived visits past their window become left (no exit recorded), each with its own change_seq; kiosks pull it', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    const arrived: string[] = [];
    for (let i = 0; i < 3; i++) {
      const b = await env.approvedBooking(host, MULTI);
      await push(kiosk, checkin(kiosk, b.id, { at: '2026-11-22T02:05:00.000Z' }));
      arrived.push(b.id);
    }
    const notArrived = await env.approvedBooking(host, MULTI);
    const running = await env.approvedBooking(host, { windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-28T10:00:00.000Z' });
    await push(kiosk, checkin(kiosk, running.id, { at: '2026-11-22T02:05:00.000Z' }));
    const pulled = (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();

    const after = new Date('2026-11-24T11:00:00.000Z');
    expect(await sweep(after)).toBe(3);
    expect(await sweep(after)).toBe(0);
    const rows = await Promise.all(arrived.map(row));
    for (const r of rows) expect(r).toMatchObject({ status: 'left', left_at: MULTI.windowEnd, expired_from: 'arrived' });
    expect(new Set(rows.map((r) => r.change_seq)).size).toBe(3);
    expect((await row(running.id)).status).toBe('arrived');
    expect((await row(notArrived.id)).status).toBe('expired'); // the same job's expiry sweep

    env.clock = after;
    const res = await env.request('GET', `/sync/pull?cursor=${encodeURIComponent(pulled.cursor)}&limit=1`, { token: kiosk.credential });
    let page = res.json<PullResponse>();
    const seen = [...page.bookings];
    while (page.hasMore) {
      page = (await env.request('GET', `/sync/pull?cursor=${encodeURIComponent(page.cursor)}&limit=1`, { token: kiosk.credential })).json<PullResponse>();
      seen.push(...page.bookings);
    }
    const swept = seen.filter((b) => arrived.includes(b.id));
    expect(swept.map((b) => b.id).sort()).toEqual([...arrived].sort());
    for (const b of swept) expect(b).toMatchObject({ status: 'left', exitUnrecorded: true, leftAt: MULTI.windowEnd });
  });

  it('neither a pull nor today’s list sweeps; the job expires and closes in one run, and the next pull delivers both', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    const visited = await env.approvedBooking(host, MULTI);
    await push(kiosk, checkin(kiosk, visited.id, { at: '2026-11-22T02:05:00.000Z' }));
    const approved = await env.approvedBooking(host, MULTI);
    const pending = await env.createBooking(host, MULTI);
    const later = await env.approvedBooking(host, { windowStart: '2026-11-24T02:00:00.000Z', windowEnd: '2026-11-25T10:00:00.000Z' });

    env.clock = new Date('2026-11-24T11:00:00.000Z'); // 19:00 on the last day, Asia/Shanghai: every window above has ended
    const pull = async (cursor: string) => {
      const res = await env.request('GET', `/sync/pull?cursor=${encodeURIComponent(cursor)}`, { token: kiosk.credential });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PullResponse>();
    };
    const first = await pull('');
    expect(first.hasMore).toBe(false);
    expect(first.bookings.find((b) => b.id === visited.id)).toMatchObject({ status: 'arrived' });
    const quiet = await pull(first.cursor);
    expect(quiet.bookings).toEqual([]);
    const onSite = (await today(kiosk)).visits.find((v) => v.bookingId === visited.id);
    expect(onSite).toBeDefined();
    expect(onSite?.exitUnrecorded).toBeUndefined(); // still on site until the job runs
    expect((await row(visited.id)).status).toBe('arrived');
    expect((await row(approved.id)).status).toBe('approved');

    expect(await runSweepJob(env.kysely, env.db.dialect, env.clock)).toEqual({ expired: 2, left: 1, ran: true });
    expect(await runSweepJob(env.kysely, env.db.dialect, env.clock)).toEqual({ expired: 0, left: 0, ran: true });
    const swept = await pull(quiet.cursor);
    const byId = new Map(swept.bookings.map((b) => [b.id, b]));
    expect(byId.get(visited.id)).toMatchObject({ status: 'left', exitUnrecorded: true });
    expect(byId.get(approved.id)).toMatchObject({ status: 'expired' });
    expect(byId.get(pending.id)).toMatchObject({ status: 'expired' });
    expect(byId.has(later.id)).toBe(false);
    expect(new Set([visited.id, approved.id, pending.id].map((id) => byId.get(id)?.id)).size).toBe(3);
    const seqs = await Promise.all([visited.id, approved.id, pending.id].map(async (id) => (await row(id)).change_seq));
    expect(new Set(seqs).size).toBe(3);
    expect((await today(kiosk)).visits.find((v) => v.bookingId === visited.id)).toMatchObject({ exitUnrecorded: true });
    expect((await pull(swept.cursor)).bookings).toEqual([]);
  });

  it('a visitor whose last recorded passage is an exit (the last day) left then: not flagged', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, MULTI);
    const kiosk = await env.enrolKiosk();
    const visitId = randomUUID();
    await push(kiosk, checkin(kiosk, booking.id, { visitId, at: '2026-11-22T02:05:00.000Z' }));
    const exit = { kind: 'passage', payload: { direction: 'exit', passId: visitId, bookingId: booking.id, visitId } } as const;
    expect(await push(kiosk, command(kiosk, '2026-11-24T08:00:00.000Z', exit))).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
    expect(await sweep(new Date('2026-11-24T11:00:00.000Z'))).toBe(1);
    expect(await row(booking.id)).toMatchObject({ status: 'left', left_at: '2026-11-24T08:00:00.000Z', expired_from: null });
  });

  it('several sweeps at once close each visit once, with distinct change_seqs', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const b = await env.approvedBooking(host, MULTI);
      await push(kiosk, checkin(kiosk, b.id, { at: '2026-11-22T02:05:00.000Z' }));
      ids.push(b.id);
    }
    const after = new Date('2026-11-25T00:00:00.000Z');
    const counts = await Promise.all([1, 2, 3].map(() => sweep(after)));
    // PostgreSQL: the advisory lock lets one run and the others skip (or find nothing left); SQLite runs them in turn
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    const rows = await Promise.all(ids.map(row));
    expect(rows.every((r) => r.status === 'left')).toBe(true);
    expect(new Set(rows.map((r) => r.change_seq)).size).toBe(5);
  });

  it('an exit made inside the window but reported after the sweep replaces the sweep’s (exit_after_sweep); one made after it is already_left', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, MULTI);
    const kiosk = await env.enrolKiosk();
    const visitId = randomUUID();
    await push(kiosk, checkin(kiosk, booking.id, { visitId, at: '2026-11-22T02:05:00.000Z' }));
    env.clock = new Date('2026-11-24T12:00:00.000Z');
    await sweep(env.clock);
    const late = await push(kiosk, command(kiosk, '2026-11-24T09:30:00.000Z', { kind: 'checkout', payload: { visitId, bookingId: booking.id } }));
    expect(late).toMatchObject({ status: 'applied', code: 'exit_after_sweep', booking: { status: 'left', leftAt: '2026-11-24T09:30:00.000Z' } });
    expect(late.booking?.exitUnrecorded).toBeUndefined();
    const again = await push(kiosk, command(kiosk, '2026-11-24T11:00:00.000Z', { kind: 'checkout', payload: { visitId, bookingId: booking.id } }));
    expect(again).toMatchObject({ status: 'conflict', code: 'already_left' });
  });
});
