/**
 * A walk-in withdrawn at the desk (`cancelWalkIn`): the main bill and its sub-bills cancelled from pending or approved,
 * once by command id; another kiosk's or another site's walk-in refused; one already decided (rejected, arrived)
 * a conflict that changes nothing; the host deciding afterwards refused in words. SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Booking, Host } from '../../../../src/shared/domain';
import { CommandBody, type CommandResult, type PushResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, signCommand, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { registration, walkIn } from '../../../support/cloud/walkInFixtures';

async function pushCancel(
  env: CloudTestEnv,
  kiosk: Kiosk,
  bookingId: string,
  over: Partial<{ id: string; kioskId: string }> = {},
): Promise<LightMyRequestResponse> {
  const body = CommandBody.parse({ kind: 'cancelWalkIn', payload: { bookingId } });
  const signed = await signCommand(kiosk, { id: over.id ?? randomUUID(), kioskId: over.kioskId ?? kiosk.kioskId, at: '2026-11-22T02:10:00.000Z', ...body });
  return env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [signed] } });
}

async function cancel(env: CloudTestEnv, kiosk: Kiosk, bookingId: string, id?: string): Promise<CommandResult> {
  const res = await pushCancel(env, kiosk, bookingId, id !== undefined ? { id } : {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PushResponse>().results[0]!;
}

async function statusOf(env: CloudTestEnv, id: string, token = ADMIN_TOKEN): Promise<string> {
  const res = await env.request('GET', `/bookings/${id}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Booking>().status;
}

describe.each(DIALECTS)('cancelWalkIn (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  let host: Host;
  let kiosk: Kiosk;

  /** a walk-in waiting for its host, with two companions (sub-bills) */
  const pendingWalkIn = async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
    const reg = registration(host, { approval: 'host' }, 2);
    expect(await walkIn(env, kiosk, reg)).toMatchObject({ status: 'applied', booking: { status: 'pending' } });
    const ids = [reg.bookingId, ...reg.companions.map((c) => c.bookingId as string)];
    const statuses = () => Promise.all(ids.map((id) => statusOf(env, id)));
    return { reg, ids, statuses };
  };

  it('cancels the main bill and its sub-bills once; the same command again is a duplicate; the host is refused after', async () => {
    const { reg, statuses } = await pendingWalkIn();
    const id = randomUUID();
    const first = await cancel(env, kiosk, reg.bookingId, id);
    expect(first).toMatchObject({ status: 'applied', booking: { id: reg.bookingId, status: 'cancelled' } });
    expect(await statuses()).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const again = await cancel(env, kiosk, reg.bookingId, id);
    expect(again).toMatchObject({ status: 'duplicate', booking: { status: 'cancelled' } });
    // recorded once: one cancel approval per bill
    const approvals = await env.kysely.selectFrom('approvals').select(['booking_id', 'action']).where('action', '=', 'cancel').execute();
    expect(approvals).toHaveLength(3);
    // the host's own view shows it cancelled; deciding now is refused in words and changes nothing
    const hostToken = await env.hostToken(host.id);
    expect(await statusOf(env, reg.bookingId, hostToken)).toBe('cancelled');
    const late = await env.decide(reg.bookingId, 'approve', undefined, hostToken);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'booking_not_pending' });
    expect(late.json<{ message: string }>().message).toMatch(/not pending/);
    expect(await statuses()).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // a second withdrawal under a new id: applied, already_cancelled, nothing more recorded
    expect(await cancel(env, kiosk, reg.bookingId)).toMatchObject({ status: 'applied', code: 'already_cancelled' });
    expect(await env.kysely.selectFrom('approvals').select('id').where('action', '=', 'cancel').execute()).toHaveLength(3);
  });

  it('approved by the host meanwhile: still withdrawn (cancelled with its sub-bills)', async () => {
    const { reg, statuses } = await pendingWalkIn();
    expect((await env.decide(reg.bookingId, 'approve', undefined, await env.hostToken(host.id))).statusCode).toBe(200);
    expect(await cancel(env, kiosk, reg.bookingId)).toMatchObject({ status: 'applied', booking: { status: 'cancelled' } });
    expect(await statuses()).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('rejected by the host first: a conflict, nothing changes', async () => {
    const { reg, statuses } = await pendingWalkIn();
    expect((await env.decide(reg.bookingId, 'reject', '今日不便')).statusCode).toBe(200);
    expect(await cancel(env, kiosk, reg.bookingId)).toMatchObject({ status: 'conflict', code: 'booking_rejected' });
    expect(await statuses()).toEqual(['rejected', 'cancelled', 'cancelled']);
  });

  it('a desk-approved walk-in that arrived: a conflict (already_arrived), still arrived', async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
    const reg = registration(host, {}, 1);
    await walkIn(env, kiosk, reg);
    expect(await cancel(env, kiosk, reg.bookingId)).toMatchObject({ status: 'conflict', code: 'already_arrived' });
    expect(await statusOf(env, reg.bookingId)).toBe('arrived');
  });

  it('refused: another kiosk’s walk-in, a sub-bill, an unknown id, a command signed for another kiosk', async () => {
    const { reg, statuses } = await pendingWalkIn();
    const other = await env.enrolKiosk('前台二号');
    expect(await cancel(env, other, reg.bookingId)).toMatchObject({ status: 'rejected', code: 'walk_in_other_kiosk' });
    expect(await cancel(env, kiosk, reg.companions[0]!.bookingId as string)).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    expect(await cancel(env, kiosk, 'wk_nothing_here')).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    // a booked (not walk-in) booking of the site is not the desk's to withdraw
    const booked = await env.createBooking(host);
    expect(await cancel(env, kiosk, booked.id)).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    // a command naming another kiosk than the credential's
    const forged = await pushCancel(env, kiosk, reg.bookingId, { kioskId: other.kioskId });
    const forgedResult = forged.statusCode === 200 ? forged.json<PushResponse>().results[0] : undefined;
    expect(forged.statusCode === 200 ? forgedResult?.status : forged.statusCode).not.toBe('applied');
    expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
  });

  it('another site’s kiosk cannot withdraw it (booking_unknown)', async () => {
    const { reg, statuses } = await pendingWalkIn();
    const res = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_other', name: '别的园区', timezone: 'Asia/Shanghai' } });
    expect(res.statusCode, res.body).toBe(201);
    env.siteId = 'site_other';
    const elsewhere = await env.enrolKiosk('别处前台');
    env.siteId = 'site_test';
    expect(await cancel(env, elsewhere, reg.bookingId)).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
  });
});
