/**
 * The sites an administrator may manage (GET /admin/sites) and the one a screen works on: the first by default, a
 * choice when there are several (a site account sees its own).
 */
import { useEffect, useState } from 'react';
import type { Site } from '../../../shared/domain';
import { listSites } from '../../api/adminClient';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';

export interface AdminSites {
  sites: Site[] | undefined;
  site: Site | undefined;
  setSiteId: (id: string) => void;
}

export function useAdminSites(token: string, fail: (err: unknown) => void): AdminSites {
  const [sites, setSites] = useState<Site[] | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    listSites(token).then(
      (list) => {
        if (!live) return;
        setSites(list.sites);
        setSiteId((id) => id ?? list.sites[0]?.id);
      },
      (err: unknown) => live && fail(err),
    );
    return () => {
      live = false;
    };
  }, [token, fail]);
  return { sites, site: sites?.find((s) => s.id === siteId), setSiteId };
}

/** The site choice, shown only when there is one to make. */
export function SitePicker({ id, sites }: { id: string; sites: AdminSites }) {
  const { t } = useLanguage();
  if (!sites.sites || sites.sites.length < 2) return null;
  return (
    <Field id={id} label={t('privacySite')}>
      <select value={sites.site?.id ?? ''} onChange={(e) => sites.setSiteId(e.target.value)}>
        {sites.sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
