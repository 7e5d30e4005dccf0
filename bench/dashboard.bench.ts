/**
 * The site dashboard (issue 14 §7) with 1,000,000 visits over 12 months on PostgreSQL: the whole dashboard (every
 * series) through the real app (`inject`: access, SQL, serialisation), and one series as CSV. Target: p95 ≤ 200 ms.
 * Seeded by SQL (generate_series) in the schema `bench_dashboard` of PASSDESK_BENCH_PG_URL (else PASSDESK_TEST_PG_URL);
 * kept for the next run with PASSDESK_BENCH_KEEP=1 (dropped otherwise). `--samples N` (default 40). Env:
 * PASSDESK_BENCH_VISITS.
 */
import { sql, type Kysely } from 'kysely';
import { buildCloudApp } from '../src/cloud/app';
import { migrateToLatest, openCloudDatabase, type CloudDatabase } from '../src/cloud/db/database';
import type { CloudSchema } from '../src/cloud/db/schema';
import { newKeyEncryptionKeyText, parseKeyEncryptionKey } from '../src/cloud/keyEncryption';
import type { Dashboard } from '../src/shared/dashboard';
import { API_PREFIX } from '../src/shared/sync';
import type { Bench, BenchResult } from './types';

const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);
const PG_URL = process.env.PASSDESK_BENCH_PG_URL ?? process.env.PASSDESK_TEST_PG_URL;
const SCHEMA = 'bench_dashboard';
const SITE = 'site_bench';
const HOSTS = 200;
const KIOSKS = 10;
const ADMIN = 'bench-admin-token-0123456789abcdef';
/** the bench's clock: 16:00 in Shanghai; the newest entry a minute before */
const NOW = new Date('2026-11-27T08:00:00.000Z');
const LAST_ENTRY = '2026-11-27 07:59:00';
/** spread evenly over the 365 days before LAST_ENTRY */
const STEP_MS = Math.floor((365 * 86_400_000) / VISITS);

const pgArray = (xs: readonly string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);
const iso = (expr: string) => sql.raw(`to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

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
  await sql`insert into kiosk_status (kiosk_id, last_seen_at, version, pending_commands)
    select 'kiosk_' || g, ${iso(`'2026-11-27 08:00:00'::timestamp - g * interval '2 minutes'`)}, '1.0.0', 0 from generate_series(0, 7) g`.execute(db);
  const chunk = 100_000;
  for (let start = 0; start < VISITS; start += chunk) {
    const end = Math.min(VISITS, start + chunk) - 1;
    // the newest 200 visits are still on site; every 1000th visit's kiosk command refused or warned
    await sql`
      insert into bookings (id, code, site_id, host_id, source, status, visitor, companions, group_size, reason, area, window_start, window_end,
        arrived_at, arrived_visit_id, arrived_kiosk_id, left_at, temperature_c, visitor_name, visitor_phone_key, visitor_id_key, created_at, updated_at, change_seq)
      select 'bk_' || lpad(g::text, 8, '0'), 'C' || lpad(g::text, 7, '0'), ${SITE}, 'host_' || (g % ${sql.lit(HOSTS)}),
        (${pgArray(['self', 'invited', 'staff', 'group', 'walk_in'])})[1 + g % 5], case when g < 200 then 'arrived' else 'left' end,
        json_build_object('name', '访客' || g, 'phone', '139' || lpad(g::text, 8, '0'), 'idType', 'resident_id')::text, '[]', 1, '商务洽谈', null,
        ${iso(`t.at - interval '1 hour'`)}, ${iso(`t.at + interval '7 hours'`)}, ${iso('t.at')}, null, 'kiosk_' || (g % ${sql.lit(KIOSKS)}),
        case when g >= 200 then ${iso(`t.at + interval '1 hour'`)} end, null, '访客' || g, null, null,
        ${iso(`t.at - interval '1 day'`)}, ${iso('t.at')}, g
      from generate_series(${sql.lit(start)}, ${sql.lit(end)}) g
      cross join lateral (select ${LAST_ENTRY}::timestamp - g * ${sql.raw(`interval '${STEP_MS} milliseconds'`)} as at) t`.execute(db);
    log(`  seeded ${end + 1} of ${VISITS} visits`);
  }
}

/** The kiosks' commands and the audit log (seeded after the visits, each when missing). */
async function seedCommandsAndAudit(db: Kysely<CloudSchema>): Promise<void> {
  // a check-in command per 5th visit (no code), and a refusal or warning per 1000th
  await sql`insert into applied_commands (id, kiosk_id, kind, booking_id, visit_id, status, code, message, result, at, applied_at)
    select 'cmd_' || id, arrived_kiosk_id, 'checkin', id, null,
      case when right(id, 3) = '000' then (array['rejected','conflict','applied'])[1 + (right(id, 4)::int / 1000) % 3] else 'applied' end,
      case when right(id, 3) = '000' then (array['temperature_abnormal','blacklisted','blacklist_warn'])[1 + (right(id, 4)::int / 1000) % 3] end,
      null, '{}', arrived_at, arrived_at
    from bookings where site_id = ${SITE} and right(id, 1) in ('0', '5')`.execute(db);
  await sql`insert into audit_log (id, at, actor, action, subject, detail)
    select 'aud_' || g, ${iso(`'${LAST_ENTRY}'::timestamp - g * interval '5 minutes'`)}, 'anonymous',
      case when g % 50 = 0 then 'booking.blacklisted' else 'booking.created' end, 'X' || g, json_build_object('hostId', 'host_' || (g % ${sql.lit(HOSTS)}))::text
    from generate_series(0, 100000) g`.execute(db);
  await sql`vacuum analyze bookings`.execute(db);
  await sql`analyze`.execute(db);
}

async function openSeeded(log: (l: string) => void): Promise<CloudDatabase> {
  if (PG_URL === undefined) throw new Error('dashboard needs PostgreSQL: set PASSDESK_BENCH_PG_URL (or PASSDESK_TEST_PG_URL), never the CI database');
  const db = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: SCHEMA });
  await migrateToLatest(db);
  const have = await sql<{ n: string }>`select count(*) as n from bookings where site_id = ${SITE}`.execute(db.kysely);
  if (Number(have.rows[0]?.n ?? 0) !== VISITS) {
    log(`  seeding ${VISITS} visits into ${SCHEMA} (kept for the next run with PASSDESK_BENCH_KEEP=1)`);
    for (const table of ['audit_log', 'applied_commands', 'bookings', 'kiosk_status', 'kiosks', 'hosts', 'sites'])
      await sql`delete from ${sql.table(table)}`.execute(db.kysely);
    await seed(db.kysely, log);
  }
  const commands = await sql<{ n: string }>`select count(*) as n from applied_commands`.execute(db.kysely);
  if (Number(commands.rows[0]?.n ?? 0) === 0) {
    log('  seeding kiosk commands and the audit log');
    await sql`delete from audit_log`.execute(db.kysely);
    await seedCommandsAndAudit(db.kysely);
  }
  // the pass keys of a kept schema were sealed with an earlier run's key-encryption key (each run makes its own)
  await sql`delete from pass_keys`.execute(db.kysely);
  return db;
}

const bench: Bench = {
  name: 'dashboard',
  description: `a site's whole dashboard through the app (inject) on PostgreSQL with ${VISITS} visits over 12 months; p95 ≤ 200 ms`,
  async run({ samples = 40, log }) {
    const db = await openSeeded(log);
    const keyEncryption = { current: parseKeyEncryptionKey(newKeyEncryptionKeyText(), 'the bench'), previous: [] };
    const app = await buildCloudApp({ db, adminToken: ADMIN, keyEncryption, now: () => NOW });
    try {
      const cases: Record<string, string> = {
        'every series (JSON)': `${API_PREFIX}/admin/sites/${SITE}/dashboard`,
        'visits per day as CSV': `${API_PREFIX}/admin/sites/${SITE}/dashboard.csv?series=days`,
      };
      // the first reply on a site counts every closed day of the 12 months (then kept in site_day_counts)
      await sql`delete from site_day_counts`.execute(db.kysely);
      const c0 = performance.now();
      const cold = await app.inject({ method: 'GET', url: cases['every series (JSON)']!, headers: { authorization: `Bearer ${ADMIN}` } });
      const coldMs = Math.round(performance.now() - c0);
      if (cold.statusCode !== 200) throw new Error(`cold: ${cold.statusCode} ${cold.body}`);
      log(`  the first reply (no day counted yet): ${coldMs} ms`);
      const results: BenchResult[] = [];
      for (const [name, url] of Object.entries(cases)) {
        const times: number[] = [];
        let year = 0;
        for (let i = -3; i < samples; i++) {
          const t0 = performance.now();
          const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN}` } });
          const ms = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
          if (i >= 0) times.push(ms);
          if (url.endsWith('/dashboard')) year = res.json<Dashboard>().figures.visitsYear;
        }
        results.push({
          name: `dashboard ${name}`,
          metric: 'one reply (inject, ms)',
          unit: 'ms',
          samples: times,
          target: { stat: 'p95', max: 200 },
          notes: { visits: VISITS, coldFirstReplyMs: coldMs, ...(year > 0 ? { visitsYear: year } : {}) },
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
