/** Sites (a campus, a building): their name, time zone and the settings their kiosks pull. */
import type { Kysely } from 'kysely';
import { CloudKioskSettings } from '../../shared/sync';
import type { Site } from '../../shared/domain';
import type { CloudSchema, SitesTable } from '../db/schema';
import { badRequest, notFound } from '../errors';
import { DEFAULT_TIMEZONE } from '../siteTime';

export function toSite(row: Pick<SitesTable, 'id' | 'name' | 'timezone'>): Site {
  return { id: row.id, name: row.name, timezone: row.timezone || DEFAULT_TIMEZONE };
}

export async function getSiteRow(db: Kysely<CloudSchema>, siteId: string): Promise<SitesTable> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
  if (!row) throw notFound('site_unknown', `no site ${siteId}`);
  return row;
}

export function kioskSettingsOf(row: SitesTable): CloudKioskSettings {
  const parsed = CloudKioskSettings.safeParse(JSON.parse(row.kiosk_settings || '{}'));
  return parsed.success ? parsed.data : {};
}

/** The site a request means when it names none: the only site there is. */
export async function soleSiteId(db: Kysely<CloudSchema>): Promise<string | undefined> {
  const rows = await db.selectFrom('sites').select('id').limit(2).execute();
  return rows.length === 1 ? rows[0]!.id : undefined;
}

/** The site an admin create is for: the one it names (which must exist), or else the only site there is. */
export async function siteIdForCreate(db: Kysely<CloudSchema>, named: string | undefined): Promise<string> {
  const siteId = named ?? (await soleSiteId(db));
  if (siteId === undefined) throw badRequest('site_required', 'siteId is required when there is not exactly one site');
  await getSiteRow(db, siteId);
  return siteId;
}
