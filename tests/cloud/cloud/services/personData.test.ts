/**
 * A visitor's data on request (issue 14 §6, PIPL; src/cloud/services/personData.ts), on SQLite and PostgreSQL through
 * the admin routes: the export holds the person's data only (their bookings, found by the hash of a number however it
 * was typed; their entry in another's booking, not the others in it; their visitor-library entry and photo; their
 * blacklist entry) and is audited masked; the deletion leaves no trace of the person in any table — no number, no hash
 * of one, no name — while the others' data stays and the audit lines (masked) are kept; a request naming nobody is
 * refused with nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { PersonDataExport, PersonDeleteResult } from '../../../../src/shared/retention';
import { sha256Hex } from '../../../../src/platform/secrets';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, type CloudTestEnv } from '../../../support/cloud/harness';
import { insertKiosk, insertPassage, insertVisitor } from '../../../support/cloud/retentionFixtures';
import { COMPANION_ID } from '../../../support/cloud/walkInFixtures';

const P = { name: '张伟', phone: '13912345678', idNumber: '11010519491231002X' };
const Q = { name: '李娜', phone: '13600001111', idNumber: COMPANION_ID };
const R = { name: '王五', phone: '13500002222' };

/** Every row of every table of the cloud, as one text (bytes as hex). */
async function everything(env: CloudTestEnv): Promise<string> {
  const tables =
    env.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(env.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(env.kysely);
  let text = '';
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(env.kysely);
    text += JSON.stringify(rows.rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
  }
  return text;
}

describe.each(DIALECTS)('a person’s data on request (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  async function seed(): Promise<{ pBookings: string[]; approvedP: string; qWithP: string; qAlone: string }> {
    const host = await env.createHost();
    const token = ADMIN_TOKEN;
    const p1 = await env.approvedBooking(host, { visitor: { ...P, idType: 'resident_id' } });
    // the same person by ID number (typed with a lower-case x) under another phone
    // copied to another host (booking_cc names the booking): the deletion must clear the copy first
    const copied = await env.createHost({ name: '抄送人', phone: '13800009999' });
    const p2 = await env.createBooking(
      host,
      { visitor: { name: P.name, phone: '13711112222', idType: 'resident_id', idNumber: '11010519491231002x' }, ccHostIds: [copied.id] },
      token,
    );
    await env.signIn(P.phone); // a session, a used code and a privacy acceptance under P's phone
    const qWithP = await env.createBooking(host, { visitor: { ...Q, idType: 'resident_id' }, companions: [{ name: P.name, phone: P.phone }, R] }, token);
    const qAlone = await env.createBooking(host, { visitor: { ...Q, idType: 'resident_id' } }, token);
    await insertKiosk(env.kysely, 'kiosk_a', 'site_test');
    await insertPassage(env.kysely, 'pa_p', 'site_test', 'kiosk_a', p1.id, env.clock.toISOString());
    await insertPassage(env.kysely, 'pa_q', 'site_test', 'kiosk_a', qAlone.id, env.clock.toISOString());
    const at = env.clock.toISOString();
    await insertVisitor(env.kysely, { id: 'vis_p', siteId: 'site_test', kioskId: 'kiosk_a', ...P, updatedAt: at, photoAt: at });
    await insertVisitor(env.kysely, { id: 'vis_q', siteId: 'site_test', kioskId: 'kiosk_a', ...Q, updatedAt: at, photoAt: at });
    const bl = await env.request('POST', '/admin/blacklist', { token, body: { siteId: 'site_test', phone: P.phone, name: P.name, reason: '滋扰' } });
    expect(bl.statusCode, bl.body).toBe(201);
    return { pBookings: [p1.id, p2.id].sort(), approvedP: p1.id, qWithP: qWithP.id, qAlone: qAlone.id };
  }

  it('exports the person’s data only, audited masked', async () => {
    const { pBookings, approvedP, qWithP } = await seed();
    const res = await env.request('POST', '/admin/people/export', { token: ADMIN_TOKEN, body: { phone: P.phone, idNumber: P.idNumber } });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<PersonDataExport>();
    expect(out.person).toEqual({ phoneMasked: '139****5678', idNumberMasked: expect.not.stringContaining('19491231') as unknown });
    expect(out.bookings.map((b) => b.id).sort()).toEqual(pBookings);
    expect(out.companionOf).toEqual([{ bookingId: qWithP, siteId: 'site_test', companion: { name: P.name, phone: P.phone } }]);
    expect(out.visitors.map((v) => v.id)).toEqual(['vis_p']);
    expect(out.photos).toEqual([expect.objectContaining({ visitor_id: 'vis_p', jpegBase64: '/9j/2Q==' })]);
    expect(out.passages.map((p) => p.id)).toEqual(['pa_p']);
    expect(out.approvals.map((a) => a.booking_id)).toEqual([approvedP]);
    expect(out.blacklist).toHaveLength(1);
    const text = JSON.stringify(out);
    for (const other of [Q.phone, Q.idNumber, Q.name, R.phone, R.name]) expect(text).not.toContain(other);
    const audit = await env.kysely.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'person.export').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain('139****5678');
    expect(audit[0]!.detail).not.toContain(P.phone);
  });

  it('deletes every trace of the person, keeps the others’ data and the masked audit line; naming nobody is refused', async () => {
    const { qWithP, qAlone } = await seed();
    const refused = await env.request('POST', '/admin/people/delete', { token: ADMIN_TOKEN, body: { siteId: 'site_test' } });
    expect(refused.statusCode).toBe(400);
    const before = await everything(env);
    expect(before).toContain(P.phone);
    const res = await env.request('POST', '/admin/people/delete', { token: ADMIN_TOKEN, body: { phone: P.phone, idNumber: P.idNumber, blacklist: 'delete' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PersonDeleteResult>()).toEqual({
      visitors: 1,
      photos: 1,
      bookings: 2,
      companionEntries: 1,
      approvals: 1,
      passages: 1,
      commands: 0,
      blacklist: 1,
      blacklistKept: 0,
    });
    const after = await everything(env);
    const traces = [P.phone, P.idNumber, P.idNumber.toLowerCase(), P.name, blacklistPhoneKey(P.phone), blacklistIdNumberKey(P.idNumber), '13711112222'];
    for (const trace of [...traces, sha256Hex(P.phone)]) {
      expect(after, trace).not.toContain(trace);
    }
    // the others stay: Q's bookings (the one P came along to without P), Q's library entry and photo, R
    const q = await env.kysely.selectFrom('bookings').select(['id', 'companions']).orderBy('id').execute();
    expect(q.map((b) => b.id).sort()).toEqual([qAlone, qWithP].sort());
    expect(JSON.parse(q.find((b) => b.id === qWithP)!.companions)).toEqual([R]);
    expect(after).toContain(Q.phone);
    expect(await env.kysely.selectFrom('visitor_photos').select('visitor_id').execute()).toEqual([{ visitor_id: 'vis_q' }]);
    expect(await env.kysely.selectFrom('passages').select('id').execute()).toEqual([{ id: 'pa_q' }]);
    const audit = await env.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'person.delete').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain('139****5678');
    // asked again: nothing is found
    const again = await env.request('POST', '/admin/people/export', { token: ADMIN_TOKEN, body: { phone: P.phone, idNumber: P.idNumber } });
    expect(again.json<PersonDataExport>()).toMatchObject({ visitors: [], photos: [], bookings: [], companionOf: [], blacklist: [] });
  });
});
