/**
 * Issue 13 §4: the events that queue an SMS, each in the transaction of its change, once per event (the idempotency
 * key): a new application or resubmission → the host; an arrival (check-in, walk-in the desk let in) → the host with
 * the kiosk's name and the time; a decision → the visitor with the link's booking code. On SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { queueMessage } from '../../../../src/cloud/notifications/events';
import type { NotificationOutboxTable } from '../../../../src/cloud/db/schema';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand } from '../../../support/cloud/harness';
import { registration, walkIn } from '../../../support/cloud/walkInFixtures';

const HOST_PHONE = '13800138001';
const VISITOR_PHONE = '13912345678';
const VISIT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

async function outbox(env: CloudTestEnv): Promise<NotificationOutboxTable[]> {
  return env.kysely.selectFrom('notification_outbox').selectAll().orderBy('created_at').orderBy('idempotency_key').execute();
}
const paramsOf = (row: NotificationOutboxTable | undefined): Record<string, string> => JSON.parse(row?.params ?? '{}') as Record<string, string>;

describe.each(DIALECTS)('notification events (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('applications and resubmissions ask the host (not when the host booked); decisions tell the visitor; an event queues once', async () => {
    const host = await env.createHost();
    const booking = await env.createBooking(host); // anonymous self-booking
    const rows = await outbox(env);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'application',
      template: 'hostNewApplication',
      recipient_phone: HOST_PHONE,
      recipient_masked: '138****8001',
      status: 'pending',
      attempts: 0,
      booking_id: booking.id,
      site_id: 'site_test',
    });
    expect(paramsOf(rows[0])).toEqual({ visitor: '张伟', window: '11-22 09:00–17:00', code: booking.code });
    await env.createBooking(host, { source: 'invited', visitor: { name: '王五', phone: '13912340001' } }, await env.hostToken(host.id));
    expect(await outbox(env)).toHaveLength(1);

    const approved = await env.approvedBooking(host);
    const rejected = await env.createBooking(host);
    expect((await env.decide(rejected.id, 'reject', '当日会议室已满')).statusCode).toBe(200);
    const returned = await env.createBooking(host);
    expect((await env.decide(returned.id, 'return', '请补充公司名称')).statusCode).toBe(200);
    const { source: _s, hostPhone: _h, ...edit } = env.bookingInput(host, { reason: '补充：远航科技' });
    const resubmitted = await env.request('PUT', `/bookings/${returned.id}`, { token: ADMIN_TOKEN, body: edit });
    expect(resubmitted.statusCode).toBe(200);

    const order = ['visitorApproved', 'visitorRejected', 'visitorReturned'];
    const decisions = (await outbox(env)).filter((r) => r.kind === 'decision').sort((a, b) => order.indexOf(a.template) - order.indexOf(b.template));
    expect(decisions.map((r) => [r.template, r.booking_id, r.recipient_phone])).toEqual([
      ['visitorApproved', approved.id, VISITOR_PHONE],
      ['visitorRejected', rejected.id, VISITOR_PHONE],
      ['visitorReturned', returned.id, VISITOR_PHONE],
    ]);
    expect(paramsOf(decisions[0])).toEqual({ host: '李明', window: '11-22 09:00–17:00', code: approved.code });
    expect(paramsOf(decisions[1])).toEqual({ host: '李明', reason: '当日会议室已满', code: rejected.code });
    expect(paramsOf(decisions[2])).toEqual({ reason: '请补充公司名称', code: returned.code });
    const applications = (await outbox(env)).filter((r) => r.kind === 'application' && r.booking_id === returned.id);
    expect(applications).toHaveLength(2); // the application, and its resubmission

    // the same event twice: one message (the idempotency key is unique)
    const message = {
      kind: 'arrival' as const,
      template: 'hostVisitorArrived' as const,
      params: { visitor: '张伟', kiosk: '前台', time: '11-22 10:05' },
      phone: HOST_PHONE,
      idempotencyKey: 'arrival:visit-1',
      siteId: null,
      bookingId: null,
    };
    const first = await env.kysely.transaction().execute((trx) => queueMessage(trx, message, env.clock));
    const again = await env.kysely
      .transaction()
      .execute((trx) => queueMessage(trx, { ...message, params: { ...message.params, time: '11-22 10:06' } }, env.clock));
    expect([first, again]).toEqual([true, false]);
    const queued = (await outbox(env)).filter((r) => r.idempotency_key === 'arrival:visit-1');
    expect(queued).toHaveLength(1);
    expect(paramsOf(queued[0]).time).toBe('11-22 10:05');
  });

  it('arrivals tell the host at once, with the kiosk’s name and the time: a check-in (once, however often reported) and a walk-in the desk let in; a walk-in waiting for the host asks them', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host);
    const kiosk = await env.enrolKiosk('东门访客机');
    const cmd = await signCommand(kiosk, checkin(kiosk, booking.id, { visitId: VISIT_ID, at: '2026-11-22T02:05:00.000Z' }));
    const other = await signCommand(kiosk, checkin(kiosk, booking.id, { visitId: VISIT_ID, at: '2026-11-22T02:06:00.000Z' }));
    for (const commands of [[cmd], [cmd], [other]]) {
      const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const arrivals = (await outbox(env)).filter((r) => r.kind === 'arrival');
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]).toMatchObject({
      template: 'hostVisitorArrived',
      recipient_phone: HOST_PHONE,
      idempotency_key: `arrival:${VISIT_ID}`,
      booking_id: booking.id,
    });
    expect(paramsOf(arrivals[0])).toEqual({ visitor: '张伟', kiosk: '东门访客机', time: '11-22 10:05' });

    const lobby = await env.enrolKiosk('大堂');
    const atDesk = registration(host, {}, 1);
    expect((await walkIn(env, lobby, atDesk)).status).toBe('applied');
    const forHost = registration(host, { approval: 'host' });
    expect((await walkIn(env, lobby, forHost)).status).toBe('applied');
    // the walk-ins' messages (bookings wk_…): none for the companion's sub-bill, who came with the lead
    const rows = (await outbox(env)).filter((r) => r.booking_id?.startsWith('wk_') === true).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(rows.map((r) => [r.kind, r.template, r.booking_id, r.recipient_phone])).toEqual([
      ['application', 'hostNewApplication', forHost.bookingId, HOST_PHONE],
      ['arrival', 'hostVisitorArrived', atDesk.bookingId, HOST_PHONE],
    ]);
    expect(paramsOf(rows.find((r) => r.kind === 'arrival'))).toEqual({ visitor: '张伟', kiosk: '大堂', time: '11-22 10:05' });
  });
});
