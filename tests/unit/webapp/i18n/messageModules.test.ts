/**
 * The web app's words come from one module per area, spread into one dictionary per language
 * (src/webapp/i18n/messages.ts): a key in two modules would be silently replaced by the later one, and one screen
 * would show another's words. Each key belongs to one module.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_EN, ADMIN_ZH } from '../../../../src/webapp/admin/messages';
import { BACKUP_EN, BACKUP_ZH } from '../../../../src/webapp/admin/backup/messages';
import { KIOSKS_EN, KIOSKS_ZH } from '../../../../src/webapp/admin/kiosks/messages';
import { RECORDS_EN, RECORDS_ZH } from '../../../../src/webapp/admin/records/messages';
import { LISTS_EN, LISTS_ZH } from '../../../../src/webapp/admin/lists/messages';
import { APPLY_EN, APPLY_ZH } from '../../../../src/webapp/apply/messages';
import { HOST_EN, HOST_ZH } from '../../../../src/webapp/host/messages';
import { DASHBOARD_EN, DASHBOARD_ZH } from '../../../../src/webapp/admin/dashboard/messages';
import { BLACKLIST_EN, BLACKLIST_ZH } from '../../../../src/webapp/admin/blacklist/messages';
import { PEOPLE_EN, PEOPLE_ZH } from '../../../../src/webapp/admin/people/messages';
import { ACCOUNTS_EN, ACCOUNTS_ZH } from '../../../../src/webapp/admin/accounts/messages';
import { PRIVACY_EN, PRIVACY_ZH } from '../../../../src/webapp/admin/privacy/messages';
import { REVIEW_EN, REVIEW_ZH } from '../../../../src/webapp/admin/review/messages';
import { VISITOR_EN, VISITOR_ZH } from '../../../../src/webapp/visitor/messages';
import { COMPANION_EN, COMPANION_ZH } from '../../../../src/webapp/companion/messages';

const MODULES: Record<string, { zh: object; en: object }> = {
  admin: { zh: ADMIN_ZH, en: ADMIN_EN },
  backup: { zh: BACKUP_ZH, en: BACKUP_EN },
  kiosks: { zh: KIOSKS_ZH, en: KIOSKS_EN },
  records: { zh: RECORDS_ZH, en: RECORDS_EN },
  lists: { zh: LISTS_ZH, en: LISTS_EN },
  apply: { zh: APPLY_ZH, en: APPLY_EN },
  host: { zh: HOST_ZH, en: HOST_EN },
  dashboard: { zh: DASHBOARD_ZH, en: DASHBOARD_EN },
  blacklist: { zh: BLACKLIST_ZH, en: BLACKLIST_EN },
  people: { zh: PEOPLE_ZH, en: PEOPLE_EN },
  accounts: { zh: ACCOUNTS_ZH, en: ACCOUNTS_EN },
  privacy: { zh: PRIVACY_ZH, en: PRIVACY_EN },
  review: { zh: REVIEW_ZH, en: REVIEW_EN },
  visitor: { zh: VISITOR_ZH, en: VISITOR_EN },
  companion: { zh: COMPANION_ZH, en: COMPANION_EN },
};

describe('the web app’s message modules', () => {
  it('no key in two modules (a later spread would replace the earlier words without a word)', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, { zh }] of Object.entries(MODULES)) {
      for (const key of Object.keys(zh)) {
        const first = owner.get(key);
        if (first !== undefined) twice.push(`${key}: ${first} and ${name}`);
        else owner.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });
  it('every module has the same keys in zh-CN and English', () => {
    for (const [name, { zh, en }] of Object.entries(MODULES)) expect(Object.keys(en).sort(), name).toEqual(Object.keys(zh).sort());
  });
});
