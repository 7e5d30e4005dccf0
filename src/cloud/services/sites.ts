/** Sites (a campus, a building): their name, time zone and the settings their kiosks pull. */
import type { Kysely } from 'kysely';
import { CloudKioskSettings } from '../../shared/sync';
import type { Site } from '../../shared/domain';
import type { CloudSchema, SitesTable } from '../db/schema';
import { badRequest, notFound } from '../errors';
import { siteTimeZone } from '../../shared/siteDay';
import { findSiteRow, listSiteIds, listSiteSettings } from '../repositories/sites';

export function toSite(row: Pick<SitesTable, 'id' | 'name' | 'timezone'>): Site {
  return { id: row.id, name: row.name, timezone: siteTimeZone(row) };
}

export async function getSiteRow(db: Kysely<CloudSchema>, siteId: string): Promise<SitesTable> {
  const row = await findSiteRow(db, siteId);
  if (!row) throw notFound('site_unknown', `no site ${siteId}`);
  return row;
}

export function kioskSettingsOf(row: Pick<SitesTable, 'kiosk_settings'>): CloudKioskSettings {
  const parsed = CloudKioskSettings.safeParse(JSON.parse(row.kiosk_settings || '{}'));
  return parsed.success ? parsed.data : {};
}

/** A site's booking policy: how long a visit window may last and how far ahead it may start. */
export interface BookingLimits {
  maxWindowDays: number;
  maxLeadDays: number;
}

export const DEFAULT_BOOKING_LIMITS: Readonly<BookingLimits> = { maxWindowDays: 7, maxLeadDays: 30 };

export function bookingLimitsOf(settings: CloudKioskSettings): BookingLimits {
  return {
    maxWindowDays: settings.maxWindowDays ?? DEFAULT_BOOKING_LIMITS.maxWindowDays,
    maxLeadDays: settings.maxLeadDays ?? DEFAULT_BOOKING_LIMITS.maxLeadDays,
  };
}

/** One site's booking limits (the defaults where it sets none). */
export async function siteBookingLimits(db: Kysely<CloudSchema>, siteId: string): Promise<BookingLimits> {
  return bookingLimitsOf(kioskSettingsOf(await getSiteRow(db, siteId)));
}

/**
 * The strictest booking limits of every site: what an anonymous booking is held to before its host is looked up,
 * so that the verdict on its window cannot tell which site (if any) the named host belongs to.
 */
export async function strictestBookingLimits(db: Kysely<CloudSchema>): Promise<BookingLimits> {
  const rows = await listSiteSettings(db);
  const all = rows.map((r) => bookingLimitsOf(kioskSettingsOf(r)));
  if (all.length === 0) return { ...DEFAULT_BOOKING_LIMITS };
  return {
    maxWindowDays: Math.min(...all.map((l) => l.maxWindowDays)),
    maxLeadDays: Math.min(...all.map((l) => l.maxLeadDays)),
  };
}

/** The site a request means when it names none: the only site there is. */
export async function soleSiteId(db: Kysely<CloudSchema>): Promise<string | undefined> {
  const ids = await listSiteIds(db, 2);
  return ids.length === 1 ? ids[0]! : undefined;
}

/** The site an admin create is for: the one it names (which must exist), or else the only site there is. */
export async function siteIdForCreate(db: Kysely<CloudSchema>, named: string | undefined): Promise<string> {
  const siteId = named ?? (await soleSiteId(db));
  if (siteId === undefined) throw badRequest('site_required', 'siteId is required when there is not exactly one site');
  await getSiteRow(db, siteId);
  return siteId;
}
