/**
 * The version of what a sync pull carries besides the changes (issue 12): the site, its kiosk settings, its and its
 * kiosks' policy layers, and the pass keys (the cloud's and its kiosks'). Every writer of any of them calls
 * touchSiteConfig in its own transaction: the site's config_seq takes a new number of the change counter, so the
 * version changes exactly when they may have. A kiosk sends the version it holds (PullQuery.config); while it is
 * current the pull leaves them out, and the empty pull is one indexed read (findSiteAndChangeSeq).
 */
import type { Transaction } from 'kysely';
import { nextChangeSeq } from '../db/changeSeq';
import type { CloudSchema, SitesTable } from '../db/schema';
import { setSiteConfigSeq } from '../repositories/sites';

/**
 * Bump this when the cloud starts deriving what it sends differently from the same stored rows (a new default, a new
 * field), so that every kiosk takes the new form at its next pull.
 */
export const CONFIG_FORM = 1;

/** Marks the config of one site (or of every site: null, e.g. a new cloud key) changed, inside the writer's transaction. */
export async function touchSiteConfig(trx: Transaction<CloudSchema>, siteId: string | null): Promise<void> {
  await setSiteConfigSeq(trx, siteId, await nextChangeSeq(trx));
}

/** The version a pull reports for a site's config (opaque to the kiosk). */
export function configVersionOf(site: Pick<SitesTable, 'config_seq'>): string {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL may return an integer column read through a join as a string
  return `${CONFIG_FORM}.${Number(site.config_seq)}`;
}
