/**
 * A site's privacy notice (its policy's `privacyText`, issue 11) as visitors accept it when they sign in (issue 13
 * item 2): each language's text has its version (privacyNoticeVersionOf), and an acceptance is recorded with the
 * version shown, by site and phone hash, once.
 */
import { layerPolicy, POLICY_DEFAULTS, EMPTY_POLICY_LAYER } from '../../shared/policy';
import type { PrivacyNotice } from '../../shared/signIn';
import { privacyNoticeVersionOf } from '../../shared/visitPolicy';
import { sha256Hex } from '../../platform/secrets';
import type { Db } from '../repositories/db';
import { findPrivacyAcceptance, insertPrivacyAcceptance } from '../repositories/signInCodes';
import { cloudPolicyFor } from './policy';
import { getSiteRow } from './sites';
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../db/schema';

/** The site's privacy notice now, with the version of each language's text; 404 site_unknown for no such site. */
export async function currentPrivacyNotice(db: Kysely<CloudSchema>, siteId: string): Promise<PrivacyNotice> {
  const site = await getSiteRow(db, siteId);
  const policy = await cloudPolicyFor(db, site, '');
  const text = layerPolicy(POLICY_DEFAULTS, { site: policy.site, kiosk: EMPTY_POLICY_LAYER }).values.privacyText;
  return { text, versions: { 'zh-CN': privacyNoticeVersionOf(text, 'zh-CN'), en: privacyNoticeVersionOf(text, 'en') } };
}

/** Is `version` one of the notice's current versions? */
export const isCurrentVersion = (notice: PrivacyNotice, version: string): boolean => Object.values(notice.versions).includes(version);

export async function recordPrivacyAcceptance(db: Db, a: { siteId: string; phone: string; version: string; sessionId: string; at: Date }): Promise<void> {
  await insertPrivacyAcceptance(db, {
    site_id: a.siteId,
    phone_hash: sha256Hex(a.phone),
    version: a.version,
    accepted_at: a.at.toISOString(),
    session_id: a.sessionId,
  });
}

/** The current version of the site's notice that this phone accepted, or null. */
export async function acceptedPrivacyVersion(db: Db, notice: PrivacyNotice, siteId: string, phone: string): Promise<string | null> {
  for (const version of new Set(Object.values(notice.versions))) {
    if (await findPrivacyAcceptance(db, siteId, sha256Hex(phone), version)) return version;
  }
  return null;
}
