/** /app/visitor/find: today's confirmed passes of a phone, by the code sent to it, without signing in (seed 003). */
import { useState } from 'react';
import type { FoundPasses } from '../../shared/signIn';
import { findPasses } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { PassView } from './MyPassScreen';
import { PhoneCodeForm } from './PhoneCodeForm';

export function FindPassScreen({ siteId }: { siteId: string }) {
  const { t } = useLanguage();
  const [found, setFound] = useState<FoundPasses | undefined>();
  return (
    <Screen title={t('findPassTitle')} testId="find-pass-screen">
      {!found && (
        <>
          <p>{t('findPassIntro')}</p>
          <PhoneCodeForm
            idPrefix="find"
            siteId={siteId}
            withPrivacy={false}
            submitLabel={t('findPassSubmit')}
            onSubmit={async ({ phone, code }) => setFound(await findPasses({ siteId, phone, code }))}
          />
        </>
      )}
      <div aria-live="polite">
        {found?.passes.length === 0 && <p data-testid="find-pass-none">{t('findPassNone')}</p>}
        {found?.passes.map(({ booking, pass }) => (
          <PassView key={booking.id} booking={booking} pass={pass} />
        ))}
      </div>
    </Screen>
  );
}
