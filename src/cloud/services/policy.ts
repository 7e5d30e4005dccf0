/**
 * Policy layers in the cloud (issue 11): a site's and a kiosk's, each values and locked keys (src/shared/policy.ts),
 * validated on write; a kiosk pulls both. A site's older settings (language, threshold, retention: POST
 * /admin/sites/{id}/settings) stand in the site layer for the keys its policy does not set.
 */
import { CloudPolicy, EMPTY_POLICY_LAYER, PolicyLayer } from '../../shared/policy';
import type { SitesTable } from '../db/schema';
import { notFound } from '../errors';
import type { Db } from '../repositories/db';
import { findKioskSite, findPolicyLayer, savePolicyLayer } from '../repositories/policies';
import { kioskSettingsOf } from './sites';

export type PolicyScope = 'site' | 'kiosk';

/** A stored layer; one that no longer meets the schema (written by a newer cloud) counts as empty here. */
export async function readPolicyLayer(db: Db, scope: PolicyScope, scopeId: string): Promise<PolicyLayer> {
  const text = await findPolicyLayer(db, scope, scopeId);
  if (text === undefined) return EMPTY_POLICY_LAYER;
  const parsed = PolicyLayer.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : EMPTY_POLICY_LAYER;
}

export async function writePolicyLayer(db: Db, scope: PolicyScope, scopeId: string, layer: PolicyLayer, at: Date): Promise<PolicyLayer> {
  const valid = PolicyLayer.parse(layer);
  await savePolicyLayer(db, { scope, scope_id: scopeId, layer: JSON.stringify(valid), updated_at: at.toISOString() });
  return valid;
}

/** The site a kiosk belongs to (404 kiosk_unknown otherwise). */
export async function kioskSiteId(db: Db, kioskId: string): Promise<string> {
  const siteId = await findKioskSite(db, kioskId);
  if (siteId === undefined) throw notFound('kiosk_unknown', `no kiosk ${kioskId}`);
  return siteId;
}

/** What a kiosk pulls: its site's layer (older site settings filling the keys it does not set) and its own. */
export async function cloudPolicyFor(db: Db, site: Pick<SitesTable, 'id' | 'kiosk_settings'>, kioskId: string): Promise<CloudPolicy> {
  const [siteLayer, kioskLayer] = await Promise.all([readPolicyLayer(db, 'site', site.id), readPolicyLayer(db, 'kiosk', kioskId)]);
  const legacy = kioskSettingsOf(site);
  const values = {
    ...(legacy.language !== undefined ? { language: legacy.language } : {}),
    ...(legacy.temperatureThresholdC !== undefined ? { temperatureThresholdC: legacy.temperatureThresholdC } : {}),
    ...(legacy.retentionDays !== undefined ? { retentionDays: legacy.retentionDays } : {}),
    ...(legacy.faceUploadEnabled !== undefined ? { faceUploadAllowed: legacy.faceUploadEnabled } : {}),
    ...siteLayer.values,
  };
  return CloudPolicy.parse({ site: { values, locked: siteLayer.locked }, kiosk: kioskLayer });
}
