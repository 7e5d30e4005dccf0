/**
 * Issue 9, the cloud side of a walk-in: the `registerWalkIn` kiosk command (idempotent, sub-bills, arrivals, host
 * approval with the sub-bills following the main bill, blacklist levels, refusals that store nothing), on SQLite and
 * PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Booking, Host } from '../../../../src/shared/domain';
import type { PullResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { COMPANION_ID, LEAD_ID, registration, walkIn } from '../../../support/cloud/walkInFixtures';

async function count(env: CloudTestEnv, table: 'bookings' | 'visitors' | 'applied_commands'): Promise<number> {
  const row = await env.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function booking(env: CloudTestEnv, id: string): Promise<Booking> {
  const res = await env.request('GET', `/bookings/${id}`, { token: ADMIN_TOKEN });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Booking>();
}

describe.each(DIALECTS)('registerWalkIn (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  let host: Host;
  let kiosk: Kiosk;
  const setUp = async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
  };

  it('desk approval: the main bill, a sub-bill per companion, the arrivals, the extra fields and the visitor library', async () => {
    await setUp();
    const reg = registration(host, { temperatureC: 37.6, temperatureOverride: { reason: '刚运动过，复测正常' } }, 2);
    const result = await walkIn(env, kiosk, reg);
    expect(result).toMatchObject({ status: 'applied' });
    expect(result.booking).toMatchObject({
      id: reg.bookingId,
      code: reg.code,
      source: 'walk_in',
      status: 'arrived',
      arrivedVisitId: reg.visitId,
      groupSize: 1,
      visitType: '商务洽谈',
      remarks: '携带样品',
      belongings: '笔记本电脑',
      area: 'A座',
      visitor: { name: '张伟', phone: '13912345678', idNumber: LEAD_ID, company: '远航科技', title: '经理', plate: '粤B12345' },
    });
    expect(result.booking?.mainBookingId).toBeUndefined();
    for (const c of reg.companions) {
      const sub = await booking(env, c.bookingId as string);
      expect(sub).toMatchObject({ source: 'walk_in', status: 'arrived', mainBookingId: reg.bookingId, arrivedVisitId: c.visitId });
      // a companion without a phone is reached through the lead; the company is the lead's
      expect(sub.visitor).toMatchObject({ phone: '13912345678', company: '远航科技' });
      expect(sub.code).not.toBe(reg.code);
    }
    const row = await env.kysely.selectFrom('bookings').selectAll().where('id', '=', reg.bookingId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      approval_kind: 'desk',
      temperature_c: 37.6,
      temperature_override_reason: '刚运动过，复测正常',
      arrived_kiosk_id: kiosk.kioskId,
    });
    // the visitor library: one row per person, hashes and masked forms only
    const visitors = await env.kysely.selectFrom('visitors').selectAll().execute();
    expect(visitors).toHaveLength(3);
    const lead = visitors.find((v) => v.id === row.visitor_id)!;
    expect(lead).toMatchObject({ name: '张伟', id_number_masked: '110***********002X', phone_masked: '139****5678', company: '远航科技', title: '经理' });
    expect(JSON.stringify(visitors)).not.toContain(LEAD_ID);
    expect(JSON.stringify(visitors)).not.toContain(COMPANION_ID);
    expect(JSON.stringify(visitors)).not.toContain('13912345678');
    // the kiosks pull them
    const pull = (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();
    expect(pull.bookings.filter((b) => b.id === reg.bookingId || b.mainBookingId === reg.bookingId)).toHaveLength(3);
  });

  it('is applied once: the same command again is a duplicate with the same booking, and stores nothing more', async () => {
    await setUp();
    const reg = registration(host, {}, 1);
    const id = randomUUID();
    const first = await walkIn(env, kiosk, reg, { id });
    const again = await walkIn(env, kiosk, reg, { id });
    expect(first.status).toBe('applied');
    expect(again).toMatchObject({ status: 'duplicate', booking: { id: reg.bookingId, code: reg.code } });
    expect(await count(env, 'bookings')).toBe(2);
    expect(await count(env, 'visitors')).toBe(2);
    // the same registration under another command id names booking ids that exist
    expect(await walkIn(env, kiosk, reg)).toMatchObject({ status: 'rejected', code: 'booking_id_taken' });
    expect(await count(env, 'bookings')).toBe(2);
  });

  it('a returning visitor is one library entry; a phone-only entry gains the ID number when it shows up', async () => {
    await setUp();
    await walkIn(env, kiosk, registration(host, { visitor: { name: '张伟', phone: '13912345678', idType: 'passport' } }));
    const before = await env.kysely.selectFrom('visitors').select(['person_key', 'id_key']).execute();
    expect(before).toHaveLength(1);
    expect(before[0]!.person_key).toMatch(/^phone:/);
    expect(before[0]!.id_key).toBeNull();
    await walkIn(env, kiosk, registration(host));
    await walkIn(env, kiosk, registration(host));
    const rows = await env.kysely.selectFrom('visitors').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.person_key).toMatch(/^id:[0-9a-f]{64}$/);
  });

  it('keeps a code taken by another booking from being reused: a fresh one, returned with the booking', async () => {
    await setUp();
    const other = await env.createBooking(host);
    const result = await walkIn(env, kiosk, registration(host, { code: other.code }));
    expect(result).toMatchObject({ status: 'applied', code: 'code_reassigned' });
    expect(result.booking!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(result.booking!.code).not.toBe(other.code);
  });

  it.each([
    ['unknown', (_env: CloudTestEnv) => Promise.resolve({ id: 'host_nobody' })],
    ['without visit permission', async (e: CloudTestEnv) => e.createHost({ name: '周敏', phone: '13800138009', canReceiveVisitors: false })],
  ])('refuses a walk-in to a host %s: rejected host_unknown, nothing stored', async (_what, makeHost) => {
    await setUp();
    const result = await walkIn(env, kiosk, registration(await makeHost(env), {}, 1));
    expect(result).toMatchObject({ status: 'rejected', code: 'host_unknown' });
    expect(await count(env, 'bookings')).toBe(0);
    expect(await count(env, 'visitors')).toBe(0);
    const conflicts = await env.request('GET', '/admin/conflicts', { token: ADMIN_TOKEN });
    expect(conflicts.json()).toMatchObject({ conflicts: [{ kind: 'registerWalkIn', status: 'rejected', code: 'host_unknown' }] });
  });

  it('refuses a window longer than the site allows, ended before the registration, or too far ahead', async () => {
    await setUp();
    const long = registration(host, { windowEnd: '2026-11-30T10:00:00.000Z' });
    expect(await walkIn(env, kiosk, long)).toMatchObject({ status: 'rejected', code: 'window_too_long' });
    const past = registration(host, { windowStart: '2026-11-21T01:00:00.000Z', windowEnd: '2026-11-21T09:00:00.000Z' });
    expect(await walkIn(env, kiosk, past)).toMatchObject({ status: 'rejected', code: 'window_in_past' });
    const ahead = registration(host, { approval: 'host', windowStart: '2027-02-01T01:00:00.000Z', windowEnd: '2027-02-01T09:00:00.000Z' });
    expect(await walkIn(env, kiosk, ahead)).toMatchObject({ status: 'rejected', code: 'window_too_far_ahead' });
    // a kiosk that was offline yesterday reports yesterday's walk-in: judged as of when it was registered
    expect(await walkIn(env, kiosk, past, { at: '2026-11-21T02:00:00.000Z' })).toMatchObject({ status: 'applied' });
    // the site's own limit
    await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: { maxWindowDays: 10 } });
    expect(await walkIn(env, kiosk, registration(host, { windowEnd: '2026-11-30T10:00:00.000Z' }))).toMatchObject({ status: 'applied' });
    expect(await count(env, 'bookings')).toBe(2);
  });

  it('refuses an abnormal temperature that staff did not override', async () => {
    await setUp();
    const reg = registration(host, {}, 1);
    (reg.companions[0] as { temperatureC: number }).temperatureC = 38.1;
    expect(await walkIn(env, kiosk, reg)).toMatchObject({ status: 'rejected', code: 'temperature_abnormal' });
    expect(await count(env, 'bookings')).toBe(0);
  });

  it('refuses a visit that already arrived on another booking', async () => {
    await setUp();
    const first = registration(host);
    await walkIn(env, kiosk, first);
    expect(await walkIn(env, kiosk, registration(host, { visitId: first.visitId }))).toMatchObject({ status: 'rejected', code: 'visit_id_taken' });
  });

  it('a companion on the blacklist at level refuse: conflict blacklisted, nothing else stored', async () => {
    await setUp();
    const bl = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { idNumber: COMPANION_ID, reason: '曾冒用他人证件' } });
    expect(bl.json()).toMatchObject({ level: 'refuse' });
    const result = await walkIn(env, kiosk, registration(host, {}, 1));
    expect(result).toMatchObject({ status: 'conflict', code: 'blacklisted' });
    expect(result.message).toContain('companions[0]');
    expect(result.message).not.toContain(COMPANION_ID);
    expect(await count(env, 'bookings')).toBe(0);
    expect(await count(env, 'visitors')).toBe(0);
    expect(await count(env, 'applied_commands')).toBe(1);
  });

  it('a companion on the blacklist at level warn: applied, with the warning and its reason in the result', async () => {
    await setUp();
    const bl = await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { idNumber: COMPANION_ID, reason: '需陪同', level: 'warn' } });
    expect(bl.statusCode).toBe(201);
    const pull = (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();
    expect(pull.blacklist).toEqual([expect.objectContaining({ level: 'warn', reason: '需陪同' })]);
    const result = await walkIn(env, kiosk, registration(host, {}, 1));
    expect(result).toMatchObject({ status: 'applied', code: 'blacklist_warn' });
    expect(result.message).toContain('需陪同');
    expect(await count(env, 'bookings')).toBe(2);
  });

  it('a minority name with a middle dot and a CJK Extension-A character round-trips to the pull', async () => {
    await setUp();
    const names = ['阿卜杜热合曼·买买提', '王㐀'];
    const reg = registration(host, { visitor: { name: names[0], phone: '13912345678', idType: 'resident_id', idNumber: LEAD_ID } }, 1);
    (reg.companions[0] as { person: { name: string } }).person.name = names[1]!;
    expect(await walkIn(env, kiosk, reg)).toMatchObject({ status: 'applied' });
    const pull = (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();
    expect(pull.bookings.map((b) => b.visitor.name).sort()).toEqual([...names].sort());
  });

  it.each([
    ['a bidi override in the name', { visitor: { name: '张\u202E伟', phone: '13912345678', idType: 'resident_id' } }],
    ['markup in the name', { visitor: { name: '<img src=x>', phone: '13912345678', idType: 'resident_id' } }],
    ['a control character in the reason', { reason: '洽谈\u0007' }],
    ['a wrong check digit', { visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: '110105194912310021' } }],
    ['a plate that is none', { plate: 'DROP TABLE' }],
    ['a window that ends before it starts', { windowStart: '2026-11-22T10:00:00.000Z', windowEnd: '2026-11-22T02:00:00.000Z' }],
  ])('refuses %s as malformed and stores nothing', async (_what, over) => {
    await setUp();
    // sent as is (a kiosk's own parse would refuse it before signing): the cloud refuses the push whole
    const payload = { ...registration(host), ...over };
    const signed = await signCommand(kiosk, {
      id: randomUUID(),
      kioskId: kiosk.kioskId,
      at: '2026-11-22T02:05:00.000Z',
      kind: 'registerWalkIn',
      payload,
    } as never);
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [signed] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'command_malformed' });
    expect(await count(env, 'bookings')).toBe(0);
    expect(await count(env, 'applied_commands')).toBe(0);
  });

  describe('host approval: pending until the host decides; the sub-bills follow the main bill', () => {
    const pendingWalkIn = async () => {
      await setUp();
      const reg = registration(host, { approval: 'host' }, 2);
      const result = await walkIn(env, kiosk, reg);
      expect(result).toMatchObject({ status: 'applied', booking: { status: 'pending', source: 'walk_in' } });
      expect(result.booking?.arrivedVisitId).toBeUndefined();
      const subs = reg.companions.map((c) => c.bookingId as string);
      const statuses = async () => Promise.all([reg.bookingId, ...subs].map(async (id) => (await booking(env, id)).status));
      return { reg, subs, statuses };
    };

    it('approve: the main bill and every sub-bill approved, by the host’s own token', async () => {
      const { reg, statuses } = await pendingWalkIn();
      expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
      const res = await env.decide(reg.bookingId, 'approve', undefined, await env.hostToken(host.id));
      expect(res.statusCode, res.body).toBe(200);
      expect(await statuses()).toEqual(['approved', 'approved', 'approved']);
    });

    it('reject: the main bill rejected, every sub-bill cancelled with it (seed 004), with its reason', async () => {
      const { reg, subs, statuses } = await pendingWalkIn();
      expect((await env.decide(reg.bookingId, 'reject', '今日不便')).statusCode).toBe(200);
      expect(await statuses()).toEqual(['rejected', 'cancelled', 'cancelled']);
      expect((await booking(env, subs[0]!)).decisionReason).toBe('今日不便');
    });

    it('return: refused (its visitor waits at the desk: approve or reject), nothing changes', async () => {
      const { reg, statuses } = await pendingWalkIn();
      const res = await env.decide(reg.bookingId, 'return', '请补充单位');
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'walk_in_not_returnable' });
      expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
    });

    it('cancel: an approved main bill cancelled with its sub-bills', async () => {
      const { reg, statuses } = await pendingWalkIn();
      await env.decide(reg.bookingId, 'approve');
      const res = await env.request('POST', `/bookings/${reg.bookingId}/cancel`, { token: ADMIN_TOKEN });
      expect(res.statusCode, res.body).toBe(200);
      expect(await statuses()).toEqual(['cancelled', 'cancelled', 'cancelled']);
    });

    it('a sub-bill is decided only through its main bill, but a companion may be cancelled alone and stays so', async () => {
      const { reg, subs, statuses } = await pendingWalkIn();
      const direct = await env.decide(subs[0]!, 'approve');
      expect(direct.statusCode).toBe(409);
      expect(direct.json()).toMatchObject({ error: 'booking_follows_main' });
      expect((await env.request('POST', `/bookings/${subs[0]!}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
      expect(await statuses()).toEqual(['pending', 'cancelled', 'pending']);
      await env.decide(reg.bookingId, 'approve');
      expect(await statuses()).toEqual(['approved', 'cancelled', 'approved']);
    });

    it('once approved, the kiosk checks in the main bill and each sub-bill separately', async () => {
      const { reg, subs } = await pendingWalkIn();
      await env.decide(reg.bookingId, 'approve');
      const { checkin } = await import('../../../support/cloud/harness');
      const res = await env.request('POST', '/sync/push', {
        token: kiosk.credential,
        body: { commands: await Promise.all([reg.bookingId, subs[1]!].map((id) => signCommand(kiosk, checkin(kiosk, id)))) },
      });
      expect(res.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect((await booking(env, subs[0]!)).status).toBe('approved');
    });
  });
});
