/** What the sync engine must remember across restarts: the pull cursor, last pull/push times, the site. */
import { Site } from '../../../shared/domain';
import { CloudPolicy } from '../../../shared/policy';
import { CloudKioskSettings } from '../../../shared/sync';
import type { KioskDb } from './openDb';

export interface StoredSyncState {
  cursor?: string;
  lastPullAt?: string;
  lastPushAt?: string;
  site?: Site;
}

export function readSyncState(db: KioskDb): StoredSyncState {
  const row = db.prepare('SELECT cursor, last_pull_at, last_push_at, site_json FROM sync_state WHERE id = 1').get() as
    { cursor: string | null; last_pull_at: string | null; last_push_at: string | null; site_json: string | null } | undefined;
  if (!row) return {};
  const out: StoredSyncState = {};
  if (row.cursor !== null) out.cursor = row.cursor;
  if (row.last_pull_at !== null) out.lastPullAt = row.last_pull_at;
  if (row.last_push_at !== null) out.lastPushAt = row.last_push_at;
  if (row.site_json !== null) out.site = Site.parse(JSON.parse(row.site_json));
  return out;
}

/** The cursor and time of a pull; the site too when the pull carried it (undefined: the one held stays). */
export function savePullProgress(db: KioskDb, cursor: string, at: string, site: Site | undefined): void {
  if (site === undefined) db.prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ? WHERE id = 1').run(cursor, at);
  else db.prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ?, site_json = ? WHERE id = 1').run(cursor, at, JSON.stringify(site));
}

export function savePushTime(db: KioskDb, at: string): void {
  db.prepare('UPDATE sync_state SET last_push_at = ? WHERE id = 1').run(at);
}

/**
 * After (re-)enrolment: start pulling from the beginning, and forget what the previous enrolment pulled and trusted
 * (another cloud's keys would otherwise vouch here). Visits and the outbox stay: they are this kiosk's history.
 */
export function resetSyncState(db: KioskDb): void {
  db.prepare(
    'UPDATE sync_state SET cursor = NULL, last_pull_at = NULL, last_push_at = NULL, site_json = NULL, cloud_settings_json = NULL, clock_offset_ms = NULL WHERE id = 1',
  ).run();
  db.exec('DELETE FROM pass_keys; DELETE FROM revoked_passes; DELETE FROM bookings; DELETE FROM hosts; DELETE FROM blacklist;');
}

/** The cloud clock's offset (cloud minus kiosk, ms) as last measured and kept (sync/cloudClock.ts), if any. */
export function readClockOffset(db: KioskDb): number | undefined {
  const row = db.prepare('SELECT clock_offset_ms AS ms FROM sync_state WHERE id = 1').get() as { ms: number | null } | undefined;
  return row?.ms ?? undefined;
}

export function saveClockOffset(db: KioskDb, offsetMs: number): void {
  db.prepare('UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1').run(offsetMs);
}

/** The cloud's JSON as last applied: its kiosk settings, and under `policy` its policy layers. */
function readCloudJson(db: KioskDb): Record<string, unknown> | undefined {
  const row = db.prepare('SELECT cloud_settings_json FROM sync_state WHERE id = 1').get() as { cloud_settings_json: string | null } | undefined;
  if (!row || row.cloud_settings_json === null) return undefined;
  const raw: unknown = JSON.parse(row.cloud_settings_json);
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

function writeCloudJson(db: KioskDb, value: Record<string, unknown>): void {
  db.prepare('UPDATE sync_state SET cloud_settings_json = ? WHERE id = 1').run(JSON.stringify(value));
}

/** The cloud's kiosk settings as last applied, or undefined before the first pull. */
export function readAppliedCloudSettings(db: KioskDb): CloudKioskSettings | undefined {
  const raw = readCloudJson(db);
  if (raw === undefined) return undefined;
  const parsed = CloudKioskSettings.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Saves the settings applied; the config version is forgotten until saveCloudConfigVersion names it again. */
export function saveAppliedCloudSettings(db: KioskDb, settings: CloudKioskSettings): void {
  const policy = readCloudJson(db)?.policy;
  writeCloudJson(db, policy === undefined ? { ...settings } : { ...settings, policy });
}

/**
 * The version of the site, settings, policy and pass keys this kiosk applied whole (PullResponse.configVersion), sent
 * with every pull so that the cloud leaves them out while they are current; undefined: ask for them.
 */
export function readCloudConfigVersion(db: KioskDb): string | undefined {
  const v = readCloudJson(db)?.configVersion;
  return typeof v === 'string' ? v : undefined;
}

/** Saved once everything the version covers is applied (a crash before means asking for it all again). */
export function saveCloudConfigVersion(db: KioskDb, version: string | undefined): void {
  const { configVersion: _old, ...rest } = readCloudJson(db) ?? {};
  writeCloudJson(db, version === undefined ? rest : { ...rest, configVersion: version });
}

/** The cloud's policy layers as last accepted (a policy that failed its schema never gets here), or undefined. */
export function readCloudPolicy(db: KioskDb): CloudPolicy | undefined {
  const parsed = CloudPolicy.safeParse(readCloudJson(db)?.policy);
  return parsed.success ? parsed.data : undefined;
}

export function saveCloudPolicy(db: KioskDb, policy: CloudPolicy): void {
  writeCloudJson(db, { ...(readCloudJson(db) ?? {}), policy: CloudPolicy.parse(policy) });
}
