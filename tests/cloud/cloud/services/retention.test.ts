/**
 * Retention (issue 14 §6, src/cloud/services/retention.ts), on SQLite and PostgreSQL with a fake clock: the purge job
 * deletes, in bounded batches, exactly the rows past their site's days — visits that are over (with their approvals,
 * entries and kiosk commands), visitor-library people with no visit left, photos, the site's audit entries and the
 * cloud-wide audit log past the longest log days — and nothing else (a live booking past its window stays, another
 * site's longer days hold); a second run finds nothing; on PostgreSQL a run while another process holds the job does
 * nothing. The routes: a site's days (defaults, a change, a bad value refused and nothing changed) and deleting one
 * visitor's photo (audited; a second time 404).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { blacklistIdNumberKey } from '../../../../src/shared/blacklistKey';
import { PURGE_LOCK_KEY, runPurgeJob } from '../../../../src/cloud/services/retention';
import { DEFAULT_RETENTION } from '../../../../src/shared/retention';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, type CloudTestEnv } from '../../../support/cloud/harness';
import {
  daysBefore,
  idsOf,
  insertAuditEntry,
  insertBooking,
  insertCommand,
  insertKiosk,
  insertPassage,
  insertSiteAuditEntry,
  insertVisitor,
} from '../../../support/cloud/retentionFixtures';

const ID_A = '11010519491231002X';

describe.each(DIALECTS)('retention purge (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  /** site_test on the defaults (180/30/365); site_b keeps visits 400 days and logs 500 */
  async function seed(): Promise<void> {
    const now = env.clock;
    const db = env.kysely;
    const host = await env.createHost();
    expect((await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙', timezone: 'Asia/Shanghai' } })).statusCode).toBe(
      201,
    );
    const hostB = (
      await env.request('POST', '/hosts', {
        token: ADMIN_TOKEN,
        body: { siteId: 'site_b', name: '王芳', phone: '13800138009', department: '行政部', canReceiveVisitors: true },
      })
    ).json<{ id: string }>();
    const set = await env.request('POST', '/admin/sites/site_b/retention', { token: ADMIN_TOKEN, body: { visitDays: 400, logDays: 500 } });
    expect(set.statusCode, set.body).toBe(200);
    await insertKiosk(db, 'kiosk_a', 'site_test');
    await insertKiosk(db, 'kiosk_b', 'site_b');
    // site_test: over and past 180 days (due), over but recent, live (approved) though past its window, a walk-in's person
    await insertBooking(db, { id: 'bk_old_left', siteId: 'site_test', hostId: host.id, status: 'left', windowEnd: daysBefore(now, 200), visitorId: 'vis_old' });
    await insertBooking(db, { id: 'bk_old_expired', siteId: 'site_test', hostId: host.id, status: 'expired', windowEnd: daysBefore(now, 181) });
    await insertBooking(db, {
      id: 'bk_recent',
      siteId: 'site_test',
      hostId: host.id,
      status: 'left',
      windowEnd: daysBefore(now, 179),
      visitorId: 'vis_recent',
    });
    await insertBooking(db, { id: 'bk_live_old', siteId: 'site_test', hostId: host.id, status: 'approved', windowEnd: daysBefore(now, 200) });
    await insertBooking(db, { id: 'bk_b_old', siteId: 'site_b', hostId: hostB.id, status: 'left', windowEnd: daysBefore(now, 200) });
    await insertPassage(db, 'pa_old', 'site_test', 'kiosk_a', 'bk_old_left', daysBefore(now, 200));
    await insertPassage(db, 'pa_loose_old', 'site_test', 'kiosk_a', null, daysBefore(now, 190));
    await insertPassage(db, 'pa_recent', 'site_test', 'kiosk_a', 'bk_recent', daysBefore(now, 179));
    await insertCommand(db, 'cmd_old', 'kiosk_a', 'bk_old_left', daysBefore(now, 200));
    await insertCommand(db, 'cmd_loose_old', 'kiosk_a', null, daysBefore(now, 190));
    await insertCommand(db, 'cmd_b_loose_old', 'kiosk_b', null, daysBefore(now, 190));
    // people: one whose only visit goes (and who was last seen long ago), one with a recent visit, one seen lately
    const person = { name: '张伟', phone: '13912345678', kioskId: 'kiosk_a', siteId: 'site_test' };
    await insertVisitor(db, { ...person, id: 'vis_old', idNumber: ID_A, updatedAt: daysBefore(now, 200), photoAt: daysBefore(now, 20) });
    await insertVisitor(db, { ...person, id: 'vis_recent', idNumber: '110105194912310037', updatedAt: daysBefore(now, 200), photoAt: daysBefore(now, 31) });
    await insertVisitor(db, { ...person, id: 'vis_seen', idNumber: '110105194912310045', updatedAt: daysBefore(now, 10), photoAt: daysBefore(now, 29) });
    await insertVisitor(db, {
      ...person,
      siteId: 'site_b',
      kioskId: 'kiosk_b',
      id: 'vis_b',
      idNumber: '110105194912310053',
      updatedAt: daysBefore(now, 10),
      photoAt: daysBefore(now, 31),
    });
    await insertSiteAuditEntry(db, 'ka_old', 'site_test', daysBefore(now, 366));
    await insertSiteAuditEntry(db, 'ka_recent', 'site_test', daysBefore(now, 364));
    await insertSiteAuditEntry(db, 'ka_b_old', 'site_b', daysBefore(now, 366));
    // the cloud-wide log keeps the longest log days of any site (site_b's 500)
    await insertAuditEntry(db, 'au_older', daysBefore(now, 501));
    await insertAuditEntry(db, 'au_old', daysBefore(now, 499));
  }

  it('deletes exactly what is past each site’s days, in batches, and nothing else; a second run finds nothing', async () => {
    await seed();
    const auditBefore = await idsOf(env.kysely, 'audit_log');
    const result = await runPurgeJob(env.kysely, env.db.dialect, env.clock, 2);
    expect(result).toEqual({ visits: 2, photos: 2, visitors: 1, logs: 2, ran: true });
    expect(await idsOf(env.kysely, 'bookings')).toEqual(['bk_b_old', 'bk_live_old', 'bk_recent']);
    expect(await idsOf(env.kysely, 'approvals')).toEqual(['ap-bk_b_old', 'ap-bk_live_old', 'ap-bk_recent']);
    expect(await idsOf(env.kysely, 'passages')).toEqual(['pa_recent']);
    expect(await idsOf(env.kysely, 'applied_commands')).toEqual(['cmd_b_loose_old']);
    // vis_old: its only visit gone and not seen for 200 days; vis_recent keeps its visit; photos: over 30 days gone
    expect(await idsOf(env.kysely, 'visitors')).toEqual(['vis_b', 'vis_recent', 'vis_seen']);
    const photos = (await env.kysely.selectFrom('visitor_photos').select('visitor_id').execute()).map((r) => r.visitor_id).sort();
    expect(photos).toEqual(['vis_seen']); // vis_b's 31 days are past site_b's 30 too
    expect(await idsOf(env.kysely, 'kiosk_audit')).toEqual(['ka_b_old', 'ka_recent']);
    expect(await idsOf(env.kysely, 'audit_log')).toEqual(auditBefore.filter((id) => id !== 'au_older'));
    expect(await runPurgeJob(env.kysely, env.db.dialect, env.clock, 2)).toEqual({ visits: 0, photos: 0, visitors: 0, logs: 0, ran: true });
  });

  it('a site’s days (defaults, a change, a bad value refused, unknown site 404); one visitor’s photo deleted on request', async () => {
    const get = () => env.request('GET', '/admin/sites/site_test/retention', { token: ADMIN_TOKEN });
    expect((await get()).json()).toEqual(DEFAULT_RETENTION);
    const set = await env.request('POST', '/admin/sites/site_test/retention', { token: ADMIN_TOKEN, body: { photoDays: 7 } });
    expect(set.json()).toEqual({ ...DEFAULT_RETENTION, photoDays: 7 });
    for (const body of [{ visitDays: 0 }, { logDays: 1.5 }, {}]) {
      expect((await env.request('POST', '/admin/sites/site_test/retention', { token: ADMIN_TOKEN, body })).statusCode).toBe(400);
    }
    expect((await get()).json()).toEqual({ ...DEFAULT_RETENTION, photoDays: 7 });
    expect((await env.request('GET', '/admin/sites/nowhere/retention', { token: ADMIN_TOKEN })).statusCode).toBe(404);
    const audit = await env.kysely.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'site.retention').execute();
    expect(audit).toEqual([{ action: 'site.retention', detail: JSON.stringify({ photoDays: 7 }) }]);

    // one visitor's photo deleted on request (audited), and only theirs; a second time 404
    await insertKiosk(env.kysely, 'kiosk_a', 'site_test');
    const person = {
      name: '张伟',
      phone: '13912345678',
      kioskId: 'kiosk_a',
      siteId: 'site_test',
      updatedAt: env.clock.toISOString(),
      photoAt: env.clock.toISOString(),
    };
    await insertVisitor(env.kysely, { ...person, id: 'vis_1', idNumber: ID_A });
    await insertVisitor(env.kysely, { ...person, id: 'vis_2', idNumber: '110105194912310037' });
    const del = () => env.request('POST', '/admin/sites/site_test/visitor-photo/delete', { token: ADMIN_TOKEN, body: { idKey: blacklistIdNumberKey(ID_A) } });
    const first = await del();
    expect(first.statusCode, first.body).toBe(200);
    const photos = (await env.kysely.selectFrom('visitor_photos').select('visitor_id').execute()).map((r) => r.visitor_id);
    expect(photos).toEqual(['vis_2']);
    expect((await del()).json()).toMatchObject({ error: 'visitor_photo_none' });
    const served = await env.request('GET', `/admin/sites/site_test/visitor-photo?idKey=${blacklistIdNumberKey(ID_A)}`, { token: ADMIN_TOKEN });
    expect(served.statusCode).toBe(404);
    expect(await env.kysely.selectFrom('audit_log').select('subject').where('action', '=', 'visitor_photo.delete').execute()).toEqual([
      { subject: 'site_test' },
    ]);
  });
});

/**
 * PostgreSQL only (a describe of its own, not a skipped SQLite case): the job's lock across processes is an advisory
 * lock; on SQLite one process owns the database and the job runs without one.
 */
describe('retention purge, the job held by another process (postgres)', () => {
  let env: CloudTestEnv;
  freshEnvPerTest('postgres', (e) => (env = e));

  it('does nothing while another process holds the job', async () => {
    await insertAuditEntry(env.kysely, 'au_older', daysBefore(env.clock, 501));
    await env.kysely.connection().execute(async (other) => {
      await sql`select pg_advisory_lock(${PURGE_LOCK_KEY}::int, hashtext(current_schema()))`.execute(other);
      try {
        expect(await runPurgeJob(env.kysely, env.db.dialect, env.clock)).toEqual({ visits: 0, photos: 0, visitors: 0, logs: 0, ran: false });
      } finally {
        await sql`select pg_advisory_unlock(${PURGE_LOCK_KEY}::int, hashtext(current_schema()))`.execute(other);
      }
    });
    expect(await idsOf(env.kysely, 'audit_log')).toContain('au_older');
    expect((await runPurgeJob(env.kysely, env.db.dialect, env.clock)).logs).toBe(1); // the lock released: the next run does it
  });
});
