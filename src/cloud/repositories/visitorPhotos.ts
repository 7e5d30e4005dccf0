/** SQL on visitor_photos: one registered face photo per visitor of a site (issue 10). */
import type { VisitorPhotosTable } from '../db/schema';
import type { Db } from './db';

/** The visitor's photo without its bytes: what replacing it needs to know. */
export async function findVisitorPhotoMeta(db: Db, visitorId: string): Promise<Omit<VisitorPhotosTable, 'jpeg'> | undefined> {
  return db
    .selectFrom('visitor_photos')
    .select([
      'visitor_id',
      'site_id',
      'bytes',
      'width',
      'height',
      'source',
      'consent_text_version',
      'consent_decided_at',
      'kiosk_id',
      'command_id',
      'taken_at',
      'stored_at',
    ])
    .where('visitor_id', '=', visitorId)
    .executeTakeFirst();
}

/** The photo of a visitor of this site, bytes and all. */
export async function findVisitorPhotoOfSite(db: Db, siteId: string, visitorId: string): Promise<VisitorPhotosTable | undefined> {
  return db.selectFrom('visitor_photos').selectAll().where('visitor_id', '=', visitorId).where('site_id', '=', siteId).executeTakeFirst();
}

/** Stores the visitor's photo; an older one's row and bytes are deleted first (one row per visitor, no orphans). */
export async function replaceVisitorPhoto(db: Db, row: VisitorPhotosTable): Promise<void> {
  await db.deleteFrom('visitor_photos').where('visitor_id', '=', row.visitor_id).execute();
  await db.insertInto('visitor_photos').values(row).execute();
}
