/** SQL on a site's audit list: admin actions kiosks reported and those taken in the cloud on the site or its kiosks. */
import type { KioskAuditTable } from '../db/schema';
import type { Db } from './db';

export async function insertSiteAudit(db: Db, row: KioskAuditTable): Promise<void> {
  await db.insertInto('kiosk_audit').values(row).execute();
}

/** A site's entries, newest first, with the kiosk's name. */
export async function listSiteAudit(db: Db, siteId: string, limit: number): Promise<(KioskAuditTable & { kiosk_name: string | null })[]> {
  return db
    .selectFrom('kiosk_audit')
    .leftJoin('kiosks', 'kiosks.id', 'kiosk_audit.kiosk_id')
    .selectAll('kiosk_audit')
    .select('kiosks.name as kiosk_name')
    .where('kiosk_audit.site_id', '=', siteId)
    .orderBy('kiosk_audit.at', 'desc')
    .orderBy('kiosk_audit.id', 'desc')
    .limit(limit)
    .execute();
}
