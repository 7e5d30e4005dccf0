/**
 * The `checkin` kiosk command and the blacklist's levels (issue 9 item 4) and the visitor library (item 2): a `refuse`
 * hit on the booking's visitor or a companion is a conflict (blacklisted, the booking stays approved), a `warn` one is
 * applied with the warning as its note; an applied check-in puts the visitor in the site's visitor library, so the
 * kiosks' last-visit look-up finds people who came with a booking. SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { Host } from '../../../../src/shared/domain';
import type { VisitRecord } from '../../../../src/shared/kioskDirectory';
import type { CommandResult, PushResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, checkin, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { LEAD_ID, registration, walkIn } from '../../../support/cloud/walkInFixtures';

describe.each(DIALECTS)('checkin command: blacklist levels and the visitor library (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  let host: Host;
  let kiosk: Kiosk;
  const setUp = async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
  };
  const push = async (bookingId: string, over: Parameters<typeof checkin>[2] = {}): Promise<CommandResult> => {
    const res = await env.request('POST', '/sync/push', {
      token: kiosk.credential,
      body: { commands: [await signCommand(kiosk, checkin(kiosk, bookingId, over))] },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>().results[0]!;
  };
  const blacklist = async (body: Record<string, unknown>) => {
    const res = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body });
    expect(res.statusCode, res.body).toBe(201);
  };
  const status = async (id: string) => (await env.kysely.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const lastVisit = (query: string) => env.request('GET', `/kiosk/visitors/last-visit?${query}`, { token: kiosk.credential });

  it('refuse: a conflict (blacklisted) in words for staff, the booking stays approved, no library entry', async () => {
    await setUp();
    const b = await env.approvedBooking(host);
    await blacklist({ idNumber: LEAD_ID, reason: '曾冒用他人证件' });
    const result = await push(b.id);
    expect(result).toMatchObject({ status: 'conflict', code: 'blacklisted' });
    expect(result.message).toContain('曾冒用他人证件');
    expect(result.message).not.toContain(LEAD_ID);
    expect(await status(b.id)).toBe('approved');
    expect((await env.kysely.selectFrom('visitors').selectAll().execute()).length).toBe(0);
  });

  it("warn (a companion's phone): applied, arrived, the warning and its reason in the result", async () => {
    await setUp();
    const b = await env.approvedBooking(host, { companions: [{ name: '钱七', phone: '13600002222' }], groupSize: 2 });
    await blacklist({ phone: '136-0000-2222', reason: '需前台陪同', level: 'warn' });
    const result = await push(b.id);
    expect(result).toMatchObject({ status: 'applied', code: 'blacklist_warn', booking: { status: 'arrived' } });
    expect(result.message).toContain('companions[0]');
    expect(result.message).toContain('需前台陪同');
    expect(result.message).not.toContain('13600002222');
    expect(await status(b.id)).toBe('arrived');
  });

  it('applied: the visitor is in the library (hashes and masked forms only); last-visit finds the booked visit by ID and by phone', async () => {
    await setUp();
    const b = await env.approvedBooking(host, {
      visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: LEAD_ID, company: '远航科技' },
    });
    expect((await lastVisit(`idKey=${blacklistIdNumberKey(LEAD_ID)}`)).statusCode).toBe(404);
    expect(await push(b.id)).toMatchObject({ status: 'applied' });
    const visitors = await env.kysely.selectFrom('visitors').selectAll().execute();
    expect(visitors).toHaveLength(1);
    expect(visitors[0]).toMatchObject({ person_key: `id:${blacklistIdNumberKey(LEAD_ID)}`, phone_masked: '139****5678', company: '远航科技' });
    expect(JSON.stringify(visitors)).not.toContain(LEAD_ID);
    expect(JSON.stringify(visitors)).not.toContain('13912345678');
    const row = await env.kysely.selectFrom('bookings').select('visitor_id').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.visitor_id).toBe(visitors[0]!.id);

    const byId = await lastVisit(`idKey=${blacklistIdNumberKey(LEAD_ID)}`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json<VisitRecord>()).toMatchObject({ bookingId: b.id, source: 'self', status: 'arrived', nameMasked: '张*', company: '远航科技' });
    expect(byId.body).not.toContain(LEAD_ID);
    const byPhone = await lastVisit(`phoneKey=${blacklistPhoneKey('+86 139 1234 5678')}`);
    expect(byPhone.json<VisitRecord>().bookingId).toBe(b.id);
  });

  it('a walk-in and a booked check-in of the same person are one library entry; the newest arrival is the last visit', async () => {
    await setUp();
    env.clock = new Date('2026-11-22T01:00:00.000Z');
    const reg = registration(host, { reason: '第一次' });
    expect(await walkIn(env, kiosk, reg, { at: '2026-11-22T01:00:00.000Z' })).toMatchObject({ status: 'applied' });
    // booked the day before, arrives after the walk-in: the booked visit is the newer one
    env.clock = new Date('2026-11-21T01:00:00.000Z');
    const b = await env.approvedBooking(host);
    env.clock = new Date('2026-11-22T02:10:00.000Z');
    expect(await push(b.id, { at: '2026-11-22T02:05:00.000Z' })).toMatchObject({ status: 'applied' });
    expect((await env.kysely.selectFrom('visitors').selectAll().execute()).length).toBe(1);
    expect((await lastVisit(`idKey=${blacklistIdNumberKey(LEAD_ID)}`)).json<VisitRecord>().bookingId).toBe(b.id);
  });

  it('a duplicate check-in command changes nothing more', async () => {
    await setUp();
    const b = await env.approvedBooking(host);
    const id = '0b9f7a52-3c1e-4d8a-9f6b-2a7e5c4d3b21';
    expect(await push(b.id, { id })).toMatchObject({ status: 'applied' });
    expect(await push(b.id, { id })).toMatchObject({ status: 'duplicate' });
    expect((await env.kysely.selectFrom('visitors').selectAll().execute()).length).toBe(1);
  });
});
