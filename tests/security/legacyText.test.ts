/**
 * Text stored before the plain-text rules (finding 8) must not stop the API or the kiosks: replies are validated by
 * the same schemas as requests, so one old booking with a newline in its reason made GET /bookings answer 500 and a
 * site's pulls fail. Cloud migration 0004 and kiosk migration 9 make such rows pass the rules.
 */
import { describe, expect, it } from 'vitest';
import { up as cleanCloudText } from '../../src/cloud/db/migrations/0004_plain_text';
import { getBooking } from '../../src/main/core/db/bookingsStore';
import { migrate } from '../../src/main/core/db/migrations';
import Database from 'better-sqlite3';
import type { Booking, Visit } from '../../src/shared/domain';
import type { PullResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, type CloudTestEnv } from '../support/cloud/harness';
import { makeBooking } from '../support/kiosk/helpers';

describe.each(DIALECTS)('legacy text in the cloud (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('a booking stored with a newline and a bidi override is served and pulled again after migration 0004', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host);
    const kiosk = await env.enrolKiosk();
    const visitor = JSON.stringify({ name: '\u202Eevil', phone: '13912345678' });
    await env.kysely.updateTable('bookings').set({ reason: 'line1\nline2\t<b>', visitor }).where('id', '=', booking.id).execute();
    await env.kysely.updateTable('hosts').set({ name: '李\u200B明<i>' }).where('id', '=', host.id).execute();
    // what the probe's data did to a running cloud
    expect((await env.request('GET', '/bookings', { token: ADMIN_TOKEN })).statusCode).toBe(500);

    await cleanCloudText(env.kysely as unknown as Parameters<typeof cleanCloudText>[0]);
    const list = await env.request('GET', '/bookings', { token: ADMIN_TOKEN });
    expect(list.statusCode, list.body).toBe(200);
    const served = list.json<{ bookings: Booking[] }>().bookings.find((b) => b.id === booking.id)!;
    expect(served.reason).toBe('line1 line2 <b>');
    expect(served.visitor.name).toBe('evil');
    const pull = await env.request('GET', '/sync/pull', { token: kiosk.credential });
    expect(pull.statusCode, pull.body).toBe(200);
    expect(pull.json<PullResponse>().hosts.find((h) => h.id === host.id)?.name).toBe('李明i');
  });
});

describe('legacy text at the kiosk', () => {
  it('kiosk migration 9 makes stored bookings and visits pass the rules', () => {
    const db = new Database(':memory:');
    migrate(db, 8);
    const now = new Date('2026-11-22T02:00:00.000Z');
    const good = makeBooking({ id: 'b1', code: 'ABCD2345' }, now);
    // stored as a kiosk at version 8 stored it (today's upsertBooking also writes tables of later versions)
    const legacy = JSON.stringify({ ...good, reason: 'a\nb', visitor: { ...good.visitor, name: '\u202Eevil' } });
    db.prepare(
      `INSERT INTO bookings (id, code, visitor_phone, status, host_id, window_start, window_end, updated_at, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(good.id, good.code, good.visitor.phone, good.status, good.hostId, good.windowStart, good.windowEnd, good.updatedAt, legacy);
    expect(() => getBooking(db, 'b1')).toThrow();
    const visit: Pick<Visit, 'id'> = { id: '0b6f3c1e-7d3a-4c1b-9a55-2f7d0f1e9a01' };
    db.prepare(
      `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token)
       VALUES (?, 'k', 'b1', ?, '139****5678', ?, ?, ?, 'PD1.x.y')`,
    ).run(visit.id, '张\u2028三', '李四\u202E', now.toISOString(), visit.id);
    migrate(db);
    expect(getBooking(db, 'b1')).toMatchObject({ reason: 'a b', visitor: { name: 'evil' } });
    expect(db.prepare('SELECT visitor_name, host_name FROM visits').get()).toEqual({ visitor_name: '张 三', host_name: '李四' });
    db.close();
  });
});
