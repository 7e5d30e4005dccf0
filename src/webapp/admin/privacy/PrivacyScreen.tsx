/**
 * /app/admin/privacy: a site's retention days, and a visitor's data on request (PIPL: find, export, delete).
 * Desktop-first; at 360 px the fields stack.
 */
import { useCallback, useState } from 'react';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { PersonDataPanel } from './PersonDataPanel';
import { RetentionForm } from './RetentionForm';
import { SitePicker, useAdminSites } from './useAdminSites';

export function PrivacyScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [error, setError] = useState<string | undefined>();
  const sitesFailed = useCallback((err: unknown) => setError(fail(err)), [fail]);
  const sites = useAdminSites(session.token, sitesFailed);
  const site = sites.site;

  return (
    <Screen title={t('privacyScreenTitle')} testId="admin-privacy-screen">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <SitePicker id="privacy-site" sites={sites} />
      {!site && !error && <p>{t('loading')}</p>}
      {site && (
        <>
          <RetentionForm key={`retention-${site.id}`} token={session.token} siteId={site.id} fail={fail} />
          <PersonDataPanel key={`person-${site.id}`} token={session.token} siteId={site.id} siteName={site.name} fail={fail} />
        </>
      )}
    </Screen>
  );
}
