/**
 * SQL of retention (issue 14 §6): a site's retention days, and the purge job's bounded batches: each `due…` picks at
 * most `limit` ids of rows past their site's cutoff (by the indexes of migration 0020), each `delete…` removes a batch
 * and what hangs on it, set-based.
 */
import type { SiteRetentionTable } from '../db/schema';
import { deleteCompanionLinksOf } from './companionLinks';
import type { Db } from './db';

/** Bookings that are over: never those still pending, approved or arrived (the sweeps move those first). */
const LIVE_STATUSES = ['pending', 'approved', 'arrived'];

export async function findSiteRetention(db: Db, siteId: string): Promise<SiteRetentionTable | undefined> {
  return db.selectFrom('site_retention').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

export async function listSiteRetention(db: Db): Promise<SiteRetentionTable[]> {
  return db.selectFrom('site_retention').selectAll().execute();
}

export async function upsertSiteRetention(db: Db, row: SiteRetentionTable): Promise<void> {
  await db
    .insertInto('site_retention')
    .values(row)
    .onConflict((oc) =>
      oc.column('site_id').doUpdateSet({ visit_days: row.visit_days, photo_days: row.photo_days, log_days: row.log_days, updated_at: row.updated_at }),
    )
    .execute();
}

const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);

/** Bookings of the site that ended before the cutoff and are over. */
export async function dueBookings(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  return ids(
    await db
      .selectFrom('bookings')
      .select('id')
      .where('site_id', '=', siteId)
      .where('window_end', '<', cutoff)
      .where('status', 'not in', LIVE_STATUSES)
      .limit(limit)
      .execute(),
  );
}

/**
 * Deletes these bookings with their approvals, entries and exits, the kiosk commands that named them (whose stored
 * results carry the visitor), their pass revocations, copies to hosts and messages; a sub-bill of one of them, and the invitation
 * that made one, lose their link. Returns how many.
 */
export async function deleteBookings(db: Db, bookingIds: readonly string[]): Promise<number> {
  if (bookingIds.length === 0) return 0;
  await db.deleteFrom('approvals').where('booking_id', 'in', bookingIds).execute();
  await db.deleteFrom('passages').where('booking_id', 'in', bookingIds).execute();
  await db.deleteFrom('applied_commands').where('booking_id', 'in', bookingIds).execute();
  await db.deleteFrom('revoked_passes').where('pass_id', 'in', bookingIds).execute();
  await db.deleteFrom('booking_cc').where('booking_id', 'in', bookingIds).execute();
  await db.deleteFrom('notification_outbox').where('booking_id', 'in', bookingIds).execute();
  await db.updateTable('invitations').set({ booking_id: null }).where('booking_id', 'in', bookingIds).execute();
  await deleteCompanionLinksOf(db, bookingIds);
  await db.updateTable('bookings').set({ main_booking_id: null }).where('main_booking_id', 'in', bookingIds).execute();
  const res = await db.deleteFrom('bookings').where('id', 'in', bookingIds).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Entries and exits of the site, before the cutoff, that name no booking (a later day's arrival of a visit). */
export async function duePassages(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  return ids(
    await db.selectFrom('passages').select('id').where('site_id', '=', siteId).where('at', '<', cutoff).where('booking_id', 'is', null).limit(limit).execute(),
  );
}

export async function deletePassages(db: Db, passageIds: readonly string[]): Promise<number> {
  if (passageIds.length === 0) return 0;
  return Number((await db.deleteFrom('passages').where('id', 'in', passageIds).executeTakeFirst()).numDeletedRows);
}

/** Kiosk commands of the site's kiosks, received before the cutoff, that name no booking (check-outs, passages). */
export async function dueCommands(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  return ids(
    await db
      .selectFrom('applied_commands')
      .select('id')
      .where('booking_id', 'is', null)
      .where('applied_at', '<', cutoff)
      .where('kiosk_id', 'in', db.selectFrom('kiosks').select('id').where('site_id', '=', siteId))
      .limit(limit)
      .execute(),
  );
}

export async function deleteCommands(db: Db, commandIds: readonly string[]): Promise<number> {
  if (commandIds.length === 0) return 0;
  return Number((await db.deleteFrom('applied_commands').where('id', 'in', commandIds).executeTakeFirst()).numDeletedRows);
}

/** People of the site's visitor library not seen since the cutoff, with no booking left. */
export async function dueVisitors(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  return ids(
    await db
      .selectFrom('visitors')
      .select('id')
      .where('site_id', '=', siteId)
      .where('updated_at', '<', cutoff)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('bookings').select('bookings.id').whereRef('bookings.visitor_id', '=', 'visitors.id'))))
      .limit(limit)
      .execute(),
  );
}

/** Deletes these people of the visitor library and their photos. */
export async function deleteVisitors(db: Db, visitorIds: readonly string[]): Promise<number> {
  if (visitorIds.length === 0) return 0;
  await db.deleteFrom('visitor_photos').where('visitor_id', 'in', visitorIds).execute();
  return Number((await db.deleteFrom('visitors').where('id', 'in', visitorIds).executeTakeFirst()).numDeletedRows);
}

/** Registered photos of the site stored before the cutoff (by their visitor's id). */
export async function duePhotos(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('visitor_photos').select('visitor_id').where('site_id', '=', siteId).where('stored_at', '<', cutoff).limit(limit).execute();
  return rows.map((r) => r.visitor_id);
}

export async function deletePhotos(db: Db, visitorIds: readonly string[]): Promise<number> {
  if (visitorIds.length === 0) return 0;
  return Number((await db.deleteFrom('visitor_photos').where('visitor_id', 'in', visitorIds).executeTakeFirst()).numDeletedRows);
}

/** The site's audit entries (kiosk-reported and the cloud's on the site) from before the cutoff. */
export async function dueSiteAudit(db: Db, siteId: string, cutoff: string, limit: number): Promise<string[]> {
  return ids(await db.selectFrom('kiosk_audit').select('id').where('site_id', '=', siteId).where('at', '<', cutoff).limit(limit).execute());
}

export async function deleteSiteAudit(db: Db, auditIds: readonly string[]): Promise<number> {
  if (auditIds.length === 0) return 0;
  return Number((await db.deleteFrom('kiosk_audit').where('id', 'in', auditIds).executeTakeFirst()).numDeletedRows);
}

/** The cloud-wide audit log's entries from before the cutoff. */
export async function dueAudit(db: Db, cutoff: string, limit: number): Promise<string[]> {
  return ids(await db.selectFrom('audit_log').select('id').where('at', '<', cutoff).limit(limit).execute());
}

export async function deleteAudit(db: Db, auditIds: readonly string[]): Promise<number> {
  if (auditIds.length === 0) return 0;
  return Number((await db.deleteFrom('audit_log').where('id', 'in', auditIds).executeTakeFirst()).numDeletedRows);
}
