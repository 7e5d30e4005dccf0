/** /app/visitor before signing in: phone, code and the privacy notice accepted with its version → a VisitorSession. */
import { openVisitorSession } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { PhoneCodeForm } from './PhoneCodeForm';
import type { VisitorSession } from './session';

export function VisitorSignInScreen({ siteId, notice, onSignedIn }: { siteId: string; notice?: string; onSignedIn: (s: VisitorSession) => void }) {
  const { t } = useLanguage();
  return (
    <Screen title={t('visitorSignInTitle')} testId="visitor-signin-screen">
      {notice && (
        <p role="status" className="notice" data-testid="visitor-signin-notice">
          {notice}
        </p>
      )}
      <p>{t('visitorSignInIntro')}</p>
      <PhoneCodeForm
        idPrefix="visitor"
        siteId={siteId}
        withPrivacy
        submitLabel={t('signIn')}
        onSubmit={async ({ phone, code, privacyNoticeVersion }) => {
          const created = await openVisitorSession({
            siteId,
            phone,
            code,
            audience: 'visitor',
            ...(privacyNoticeVersion !== undefined ? { privacyNoticeVersion } : {}),
          });
          if (created.principal.kind !== 'visitor') throw new Error('not a visitor session');
          onSignedIn({ token: created.token, siteId, phoneMasked: created.principal.phoneMasked, expiresAt: created.expiresAt, phone });
        }}
      />
      <p>
        <Link to="/visitor/find">{t('homeFindPass')}</Link>
      </p>
    </Screen>
  );
}
