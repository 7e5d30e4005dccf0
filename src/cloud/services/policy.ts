/**
 * Policy layers in the cloud (issue 11): a site's and a kiosk's, each values and locked keys (src/shared/policy.ts),
 * validated on write; a kiosk pulls both. A site's older settings (language, threshold, retention, the walk-in and
 * early-arrival settings: POST /admin/sites/{id}/settings) stand in the site layer for the keys its policy does not set.
 */
import { CloudPolicy, EMPTY_POLICY_LAYER, layerPolicy, legacyPolicyValues, POLICY_DEFAULTS, PolicyLayer } from '../../shared/policy';
import type { Kysely } from 'kysely';
import type { CloudSchema, SitesTable } from '../db/schema';
import { notFound } from '../errors';
import type { Db } from '../repositories/db';
import { findKioskSite, findPolicyLayer, savePolicyLayer } from '../repositories/policies';
import { assertRowOfSite } from '../rowOfSite';
import { kioskSettingsOf } from './sites';
import { touchSiteConfig } from './siteConfig';

export type PolicyScope = 'site' | 'kiosk';

/** A stored layer; one that no longer meets the schema (written by a newer cloud) counts as empty here. */
export async function readPolicyLayer(db: Db, scope: PolicyScope, scopeId: string): Promise<PolicyLayer> {
  const text = await findPolicyLayer(db, scope, scopeId);
  if (text === undefined) return EMPTY_POLICY_LAYER;
  const parsed = PolicyLayer.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : EMPTY_POLICY_LAYER;
}

/** Saves a layer; the kiosks of its site take it at their next pull (the site's config version moves with it). */
export async function writePolicyLayer(db: Kysely<CloudSchema>, scope: PolicyScope, scopeId: string, layer: PolicyLayer, at: Date): Promise<PolicyLayer> {
  const valid = PolicyLayer.parse(layer);
  await db.transaction().execute(async (trx) => {
    await savePolicyLayer(trx, { scope, scope_id: scopeId, layer: JSON.stringify(valid), updated_at: at.toISOString() });
    await touchSiteConfig(trx, scope === 'site' ? scopeId : await kioskSiteId(trx, scopeId, undefined));
  });
  return valid;
}

/** The site a kiosk belongs to (404 kiosk_unknown otherwise). */
/** A kiosk's site; `limit`: an administrator account's site (another site's kiosk is 404, as absent). */
export async function kioskSiteId(db: Db, kioskId: string, limit: string | undefined): Promise<string> {
  return assertRowOfSite(
    await findKioskSite(db, kioskId),
    (siteId) => siteId,
    limit,
    () => notFound('kiosk_unknown', `no kiosk ${kioskId}`),
  );
}

/** What a kiosk pulls: its site's layer (older site settings filling the keys it does not set) and its own. */
export async function cloudPolicyFor(db: Db, site: Pick<SitesTable, 'id' | 'kiosk_settings'>, kioskId: string): Promise<CloudPolicy> {
  const [siteLayer, kioskLayer] = await Promise.all([readPolicyLayer(db, 'site', site.id), readPolicyLayer(db, 'kiosk', kioskId)]);
  const values = { ...legacyPolicyValues(kioskSettingsOf(site)), ...siteLayer.values };
  return CloudPolicy.parse({ site: { values, locked: siteLayer.locked }, kiosk: kioskLayer });
}

/**
 * The early-arrival allowance the cloud judges a kiosk's check-in by (its site's and its own layer), or a site's alone
 * (a pass the cloud issues). A kiosk's local override is not known here: an allowance wider than its cloud layers' is
 * reported as a conflict (checkin_outside_window).
 */
export async function earlyArrivalMinutesFor(db: Db, site: Pick<SitesTable, 'id' | 'kiosk_settings'>, kioskId?: string): Promise<number> {
  const policy = await cloudPolicyFor(db, site, kioskId ?? '');
  return layerPolicy(POLICY_DEFAULTS, kioskId === undefined ? { site: policy.site, kiosk: EMPTY_POLICY_LAYER } : policy).values.earlyArrivalMinutes;
}
