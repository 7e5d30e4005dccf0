/**
 * Retention (issue 14 §6): each site's days (site_retention, migration 0020; DEFAULT_RETENTION where a site set none)
 * and the daily purge job that deletes what is past them: visits (bookings and walk-ins that are over, with their
 * approvals, entries and exits and the kiosk commands naming them; visitor-library people with no visit left),
 * registered face photos, and logs (the site's audit list; the cloud-wide audit log, which names no site, by the
 * longest of the sites' log days). Set-based deletes in bounded batches (PURGE_BATCH rows, each batch its own
 * transaction), so a first purge of a large history never holds long locks. One process at a time: on PostgreSQL a
 * session advisory lock (keyed by the schema too, like the sweep job) on one connection the run keeps; SQLite has one
 * writer. The server runs it at start and daily (server.ts, startSweepJob's timer).
 */
import { sql, type Kysely } from 'kysely';
import type { CloudDialect } from '../db/database';
import { lockChangeSeq } from '../db/changeSeq';
import type { CloudSchema, SiteRetentionTable } from '../db/schema';
import type { Db } from '../repositories/db';
import { listSiteIds } from '../repositories/sites';
import * as repo from '../repositories/retention';
import { DEFAULT_RETENTION, type PurgeResult, type RetentionSettings, type RetentionUpdate } from '../../shared/retention';

export const PURGE_LOCK_KEY = 907_012;
export const PURGE_INTERVAL_MS = 24 * 3600_000;
export const PURGE_BATCH = 500;
const DAY_MS = 86_400_000;

function settingsOf(row: SiteRetentionTable | undefined): RetentionSettings {
  return row ? { visitDays: row.visit_days, photoDays: row.photo_days, logDays: row.log_days } : { ...DEFAULT_RETENTION };
}

export async function siteRetention(db: Db, siteId: string): Promise<RetentionSettings> {
  return settingsOf(await repo.findSiteRetention(db, siteId));
}

export async function updateSiteRetention(db: Db, siteId: string, update: RetentionUpdate, now: Date): Promise<RetentionSettings> {
  const settings = { ...(await siteRetention(db, siteId)), ...update };
  await repo.upsertSiteRetention(db, {
    site_id: siteId,
    visit_days: settings.visitDays,
    photo_days: settings.photoDays,
    log_days: settings.logDays,
    updated_at: now.toISOString(),
  });
  return settings;
}

type Batch = { due: (db: Db, limit: number) => Promise<string[]>; remove: (db: Db, ids: readonly string[]) => Promise<number> };

/** Lets the event loop answer requests: SQLite's driver is synchronous and Kysely chains its batches in microtasks. */
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs one kind of batch until none is due; each batch its own transaction, requests answered between batches. */
async function drain(db: Kysely<CloudSchema>, batch: Batch, limit: number): Promise<number> {
  let total = 0;
  for (;;) {
    await yieldToRequests();
    const removed = await db.transaction().execute(async (trx) => {
      // between batches of kiosk commands, never inside one: a batch holds the rows it read (commandReads.ts)
      await lockChangeSeq(trx);
      const ids = await batch.due(trx, limit);
      return { picked: ids.length, removed: await batch.remove(trx, ids) };
    });
    total += removed.removed;
    if (removed.picked < limit) return total;
  }
}

const cutoffOf = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

async function purgeAll(db: Kysely<CloudSchema>, now: Date, limit: number): Promise<Omit<PurgeResult, 'ran'>> {
  const out = { visits: 0, photos: 0, visitors: 0, logs: 0 };
  const stored = new Map((await repo.listSiteRetention(db)).map((r) => [r.site_id, r]));
  let longestLogDays = 0;
  for (const siteId of await listSiteIds(db)) {
    const days = settingsOf(stored.get(siteId));
    longestLogDays = Math.max(longestLogDays, days.logDays);
    const visits = cutoffOf(now, days.visitDays);
    out.visits += await drain(db, { due: (d, n) => repo.dueBookings(d, siteId, visits, n), remove: repo.deleteBookings }, limit);
    await drain(db, { due: (d, n) => repo.duePassages(d, siteId, visits, n), remove: repo.deletePassages }, limit);
    await drain(db, { due: (d, n) => repo.dueCommands(d, siteId, visits, n), remove: repo.deleteCommands }, limit);
    out.photos += await drain(db, { due: (d, n) => repo.duePhotos(d, siteId, cutoffOf(now, days.photoDays), n), remove: repo.deletePhotos }, limit);
    out.visitors += await drain(db, { due: (d, n) => repo.dueVisitors(d, siteId, visits, n), remove: repo.deleteVisitors }, limit);
    out.logs += await drain(db, { due: (d, n) => repo.dueSiteAudit(d, siteId, cutoffOf(now, days.logDays), n), remove: repo.deleteSiteAudit }, limit);
  }
  const auditCutoff = cutoffOf(now, longestLogDays === 0 ? DEFAULT_RETENTION.logDays : longestLogDays);
  out.logs += await drain(db, { due: (d, n) => repo.dueAudit(d, auditCutoff, n), remove: repo.deleteAudit }, limit);
  return out;
}

/** Deletes everything past its site's retention as of `now`, once across every process of this cloud. */
export async function runPurgeJob(db: Kysely<CloudSchema>, dialect: CloudDialect, now: Date, limit = PURGE_BATCH): Promise<PurgeResult> {
  if (dialect !== 'postgres') return { ...(await purgeAll(db, now, limit)), ran: true };
  // a session lock on the one connection this run keeps: batches commit one by one while it is held
  return db.connection().execute(async (conn) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${PURGE_LOCK_KEY}::int, hashtext(current_schema())) as locked`.execute(conn);
    if (lock.rows[0]?.locked !== true) return { visits: 0, photos: 0, visitors: 0, logs: 0, ran: false };
    try {
      return { ...(await purgeAll(conn, now, limit)), ran: true };
    } finally {
      await sql`select pg_advisory_unlock(${PURGE_LOCK_KEY}::int, hashtext(current_schema()))`.execute(conn);
    }
  });
}
