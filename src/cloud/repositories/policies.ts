/** SQL on policy layers (a site's, a kiosk's) and on what kiosks told the cloud at their last pull. */
import type { KioskStatusTable, KiosksTable, PoliciesTable } from '../db/schema';
import type { Db } from './db';

export async function findPolicyLayer(db: Db, scope: PoliciesTable['scope'], scopeId: string): Promise<string | undefined> {
  const row = await db.selectFrom('policies').select('layer').where('scope', '=', scope).where('scope_id', '=', scopeId).executeTakeFirst();
  return row?.layer;
}

export async function savePolicyLayer(db: Db, row: PoliciesTable): Promise<void> {
  await db
    .insertInto('policies')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'scope_id']).doUpdateSet({ layer: row.layer, updated_at: row.updated_at }))
    .execute();
}

/** How stale a kiosk's "last seen" may get before a pull that changes nothing else writes it again. */
export const KIOSK_SEEN_PRECISION_MS = 60_000;

/**
 * A kiosk's heartbeat from its pull. Written only when something changed (version, pending commands) or the last
 * write is older than KIOSK_SEEN_PRECISION_MS: a pull every 15 s from every kiosk must not be a disk write each.
 */
export async function saveKioskStatus(db: Db, row: KioskStatusTable): Promise<void> {
  const { kiosk_id: _key, ...rest } = row;
  const staleBefore = new Date(Date.parse(row.last_seen_at) - KIOSK_SEEN_PRECISION_MS).toISOString();
  await db
    .insertInto('kiosk_status')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('kiosk_id')
        .doUpdateSet(rest)
        .where((eb) =>
          eb.or([
            eb('kiosk_status.last_seen_at', '<', staleBefore),
            eb('kiosk_status.version', 'is distinct from', eb.ref('excluded.version')),
            eb('kiosk_status.pending_commands', 'is distinct from', eb.ref('excluded.pending_commands')),
          ]),
        ),
    )
    .execute();
}

export type KioskListRow = Pick<KiosksTable, 'id' | 'site_id' | 'name' | 'key_id' | 'enrolled_at' | 'revoked_at'> & {
  [K in 'last_seen_at' | 'version' | 'pending_commands']: KioskStatusTable[K] | null;
} & {
  site_name: string;
  /** its commands the cloud answered with a conflict or a rejection (a count: a string from PostgreSQL) */
  conflicts: number | string;
};

/** Every kiosk (of a site) with its site's name, its last pull and its conflicts: one query. */
export async function listKioskRows(db: Db, siteId: string | undefined): Promise<KioskListRow[]> {
  let q = db
    .selectFrom('kiosks')
    .innerJoin('sites', 'sites.id', 'kiosks.site_id')
    .leftJoin('kiosk_status', 'kiosk_status.kiosk_id', 'kiosks.id')
    .select((eb) => [
      'kiosks.id',
      'kiosks.site_id',
      'sites.name as site_name',
      'kiosks.name',
      'kiosks.key_id',
      'kiosks.enrolled_at',
      'kiosks.revoked_at',
      'kiosk_status.last_seen_at',
      'kiosk_status.version',
      'kiosk_status.pending_commands',
      eb
        .selectFrom('applied_commands')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('applied_commands.kiosk_id', '=', 'kiosks.id')
        .where('applied_commands.status', 'in', ['conflict', 'rejected'])
        .$asScalar()
        .$notNull()
        .as('conflicts'),
    ])
    .orderBy('kiosks.enrolled_at')
    .orderBy('kiosks.id');
  if (siteId !== undefined) q = q.where('kiosks.site_id', '=', siteId);
  return q.execute();
}

export async function findKioskSite(db: Db, kioskId: string): Promise<string | undefined> {
  const row = await db.selectFrom('kiosks').select('site_id').where('id', '=', kioskId).executeTakeFirst();
  return row?.site_id;
}
