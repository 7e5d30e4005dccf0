/**
 * The record lists (issue 14 §5) with 1,000,000 visits on PostgreSQL: one filtered page (50 rows) through the real app
 * (`inject`: validation, access, SQL, masking, serialisation), for several filter combinations, first pages and a deep
 * page by cursor. Target: p95 ≤ 50 ms for each. Seeded by SQL (generate_series) in the schema `bench_records` of the
 * PostgreSQL database PASSDESK_BENCH_PG_URL (else PASSDESK_TEST_PG_URL); kept for the next run with
 * PASSDESK_BENCH_KEEP=1 (dropped otherwise). `--samples N` per combination (default 60). Env: PASSDESK_BENCH_VISITS.
 */
import { sql, type Kysely } from 'kysely';
import { buildCloudApp } from '../src/cloud/app';
import { migrateToLatest, openCloudDatabase, type CloudDatabase } from '../src/cloud/db/database';
import type { CloudSchema } from '../src/cloud/db/schema';
import { encodeCursor } from '../src/cloud/services/records';
import { newKeyEncryptionKeyText, parseKeyEncryptionKey } from '../src/cloud/keyEncryption';
import { API_PREFIX } from '../src/shared/sync';
import type { RecordPage } from '../src/shared/records';
import type { Bench, BenchResult } from './types';

const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);
const PG_URL = process.env.PASSDESK_BENCH_PG_URL ?? process.env.PASSDESK_TEST_PG_URL;
const SCHEMA = 'bench_records';
const SITE = 'site_bench';
const HOSTS = 200;
const KIOSKS = 10;
const ADMIN = 'bench-admin-token-0123456789abcdef';
/** one entry every 30 s, three visits each (ties): a million visits span ~116 days back from 2026-11-27 */
const LAST_ENTRY = '2026-11-27 00:00:00';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英', '秀兰'];

const pgArray = (xs: readonly string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);

async function seed(db: Kysely<CloudSchema>, log: (l: string) => void): Promise<void> {
  await sql`insert into sites (id, name, timezone, kiosk_settings, created_at, config_seq) values (${SITE}, '基准园区', 'Asia/Shanghai', '{}', '2025-01-01T00:00:00.000Z', 0)`.execute(
    db,
  );
  await sql`insert into hosts (id, site_id, name, phone, department, office, can_receive_visitors, created_at, updated_at, change_seq)
    select 'host_' || g, ${SITE}, '受访人' || g, '1380000' || lpad(g::text, 4, '0'), '部门' || (g % 20), null, 1, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 0
    from generate_series(0, ${sql.lit(HOSTS - 1)}) g`.execute(db);
  await sql`insert into kiosks (id, site_id, name, credential_hash, public_key, key_id, enrolled_at, revoked, revoked_at)
    select 'kiosk_' || g, ${SITE}, '前台' || g, 'cred_' || g, 'pk', 'kid_' || g, '2025-01-01T00:00:00.000Z', 0, null
    from generate_series(0, ${sql.lit(KIOSKS - 1)}) g`.execute(db);
  const chunk = 100_000;
  for (let start = 0; start < VISITS; start += chunk) {
    const end = Math.min(VISITS, start + chunk) - 1;
    await sql`
      insert into bookings (id, code, site_id, host_id, source, status, visitor, companions, group_size, reason, area, window_start, window_end,
        arrived_at, arrived_visit_id, arrived_kiosk_id, left_at, temperature_c, visitor_name, visitor_phone_key, visitor_id_key, created_at, updated_at, change_seq)
      select 'bk_' || lpad(g::text, 8, '0'), 'C' || lpad(g::text, 7, '0'), ${SITE}, 'host_' || (g % ${sql.lit(HOSTS)}),
        (${pgArray(['self', 'invited', 'staff', 'group', 'walk_in'])})[1 + g % 5], case when g % 2 = 0 then 'left' else 'arrived' end,
        json_build_object('name', v.name, 'phone', v.phone, 'idType', 'resident_id')::text, '[]', 1, '商务洽谈',
        (${pgArray(['A区', 'B区', 'C区'])})[1 + g % 3],
        to_char(t.at - interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(t.at + interval '7 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), null, 'kiosk_' || (g % ${sql.lit(KIOSKS)}),
        case when g % 2 = 0 then to_char(t.at + interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end, case when g % 7 = 0 then 36.6 end,
        v.name, encode(sha256(convert_to(v.phone, 'UTF8')), 'hex'), null,
        to_char(t.at - interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), g
      from generate_series(${sql.lit(start)}, ${sql.lit(end)}) g
      cross join lateral (select ${LAST_ENTRY}::timestamp - (g / 3) * interval '30 seconds' as at) t
      cross join lateral (select (${pgArray(SURNAMES)})[1 + g % 20] || (${pgArray(GIVEN)})[1 + (g / 20) % 20] as name, '139' || lpad(g::text, 8, '0') as phone) v`.execute(
      db,
    );
    log(`  seeded ${end + 1} of ${VISITS} visits`);
  }
  // a photo for every 10th visit
  await sql`insert into applied_commands (id, kiosk_id, kind, booking_id, visit_id, status, code, message, result, at, applied_at)
    select 'cmd_' || id, arrived_kiosk_id, 'uploadVisitorPhoto', id, null, 'applied', null, null, '{}', arrived_at, arrived_at
    from bookings where site_id = ${SITE} and right(id, 1) = '0'`.execute(db);
  await sql`analyze`.execute(db);
}

async function openSeeded(log: (l: string) => void): Promise<CloudDatabase> {
  if (PG_URL === undefined) throw new Error('records-query needs PostgreSQL: set PASSDESK_BENCH_PG_URL (or PASSDESK_TEST_PG_URL), never the CI database');
  const db = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: SCHEMA });
  await migrateToLatest(db);
  const have = await sql<{ n: string }>`select count(*) as n from bookings where site_id = ${SITE}`.execute(db.kysely);
  if (Number(have.rows[0]?.n ?? 0) !== VISITS) {
    log(`  seeding ${VISITS} visits into ${SCHEMA} (kept for the next run with PASSDESK_BENCH_KEEP=1)`);
    await sql`delete from applied_commands`.execute(db.kysely);
    await sql`delete from bookings`.execute(db.kysely);
    await sql`delete from kiosks`.execute(db.kysely);
    await sql`delete from hosts`.execute(db.kysely);
    await sql`delete from sites`.execute(db.kysely);
    await seed(db.kysely, log);
  }
  // the pass keys of a kept schema were sealed with an earlier run's key-encryption key (each run makes its own)
  await sql`delete from pass_keys`.execute(db.kysely);
  return db;
}

const bench: Bench = {
  name: 'records-query',
  description: `a filtered page of 50 records through the app (inject) on PostgreSQL with ${VISITS} visits; p95 ≤ 50 ms per combination`,
  async run({ samples = 60, log }) {
    const db = await openSeeded(log);
    // a key of this run only: the bench writes no key file
    const keyEncryption = { current: parseKeyEncryptionKey(newKeyEncryptionKeyText(), 'the bench'), previous: [] };
    const app = await buildCloudApp({ db, adminToken: ADMIN, keyEncryption });
    try {
      // a cursor in the middle of the history: the page after the 500,000th newest visit
      const middle = await db.kysely
        .selectFrom('bookings')
        .select(['arrived_at', 'id'])
        .where('site_id', '=', SITE)
        .orderBy('arrived_at', 'desc')
        .orderBy('id', 'desc')
        .offset(Math.floor(VISITS / 2))
        .limit(1)
        .executeTakeFirstOrThrow();
      const deep = encodeCursor('visits', { at: middle.arrived_at!, id: middle.id });
      const combos: Record<string, (i: number) => Record<string, string>> = {
        'no filter': () => ({}),
        'a month': () => ({ from: '2026-10-01', to: '2026-10-31' }),
        'host + a month': (i) => ({ hostId: `host_${i % HOSTS}`, from: '2026-09-01', to: '2026-09-30' }),
        department: (i) => ({ department: `部门${i % 20}` }),
        'status + source': () => ({ status: 'arrived', source: 'walk_in,group' }),
        'kiosk + area + a week': (i) => ({ kioskId: `kiosk_${i % KIOSKS}`, area: 'B区', from: '2026-11-01', to: '2026-11-07' }),
        'keyword phone (hash)': (i) => ({ keyword: `139${String(i * 7919).padStart(8, '0')}` }),
        'keyword name prefix': (i) => ({ keyword: SURNAMES[i % 20]! }),
        'keyword name prefix + a month': (i) => ({ keyword: SURNAMES[i % 20]!, from: '2026-10-01', to: '2026-10-31' }),
        'deep page (cursor at 50%)': () => ({ cursor: deep }),
        'host, deep page': (i) => ({ hostId: `host_${i % HOSTS}`, cursor: deep }),
      };
      const results: BenchResult[] = [];
      for (const [name, params] of Object.entries(combos)) {
        const times: number[] = [];
        let rows = 0;
        for (let i = -5; i < samples; i++) {
          const query = new URLSearchParams({ siteId: SITE, limit: '50', ...params(Math.abs(i)) }).toString();
          const t0 = performance.now();
          const res = await app.inject({ method: 'GET', url: `${API_PREFIX}/admin/records/visits?${query}`, headers: { authorization: `Bearer ${ADMIN}` } });
          const ms = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
          if (i >= 0) times.push(ms);
          rows += res.json<RecordPage>().rows.length;
        }
        results.push({
          name: `records-query ${name}`,
          metric: 'one page of 50 visits (inject, ms)',
          unit: 'ms',
          samples: times,
          target: { stat: 'p95', max: 50 },
          notes: { visits: VISITS, meanRowsPerPage: Math.round(rows / (samples + 5)) },
        });
        log(`  ${name}: median ${[...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!.toFixed(1)} ms`);
      }
      return results;
    } finally {
      await app.close();
      if (process.env.PASSDESK_BENCH_KEEP !== '1') await sql`drop schema ${sql.id(SCHEMA)} cascade`.execute(db.kysely);
      await db.close();
    }
  },
};

export default bench;
