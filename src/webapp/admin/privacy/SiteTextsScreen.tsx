/**
 * /app/admin/texts: a site's notice, privacy notice and commitment in Chinese and English, as visitors read them
 * (GET /sites/{id}/texts), saved into the site's policy layer (its other settings and locks kept, read again just
 * before the write). The privacy notice's version (privacyNoticeVersionOf: named by the text) is shown, and a save
 * that changes it says so: visitors accept the new version at their next sign-in.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SiteTexts } from '../../../shared/peopleAdmin';
import { POLICY_TEXT_MAX, privacyNoticeVersionOf } from '../../../shared/visitPolicy';
import { readPolicy, writePolicy } from '../../api/adminClient';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { useAdminFailure } from '../useAdminFailure';
import { readSiteTexts } from './api';
import { TEXT_KINDS, TEXT_LANGUAGES, textFieldId, textsInvalid } from './privacyForms';
import { SitePicker, useAdminSites } from './useAdminSites';

class TextsInvalid extends Error {
  constructor(readonly ids: string[]) {
    super('texts invalid');
  }
}

const versions = (texts: SiteTexts) => ({ zh: privacyNoticeVersionOf(texts.privacyText, 'zh-CN'), en: privacyNoticeVersionOf(texts.privacyText, 'en') });

function TextsForm({ token, siteId, fail }: { token: string; siteId: string; fail: (err: unknown) => string }) {
  const { t } = useLanguage();
  const [texts, setTexts] = useState<SiteTexts | undefined>();
  const [savedTexts, setSavedTexts] = useState<SiteTexts | undefined>();
  const [invalid, setInvalid] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    readSiteTexts(siteId).then(
      (read) => {
        if (!live) return;
        setTexts(read);
        setSavedTexts(read);
      },
      (err: unknown) => live && setLoadError(fail(err)),
    );
    return () => {
      live = false;
    };
  }, [siteId, fail]);

  const submit = useSubmit(
    async () => {
      if (!texts || !savedTexts) return;
      setSaved('');
      const wrong = textsInvalid(texts);
      setInvalid(wrong);
      if (wrong.length > 0) throw new TextsInvalid(wrong);
      const layer = await readPolicy(token, 'sites', siteId);
      const written = await writePolicy(token, 'sites', siteId, { ...layer, values: { ...layer.values, ...texts } });
      const now = {
        noticeText: written.values.noticeText ?? texts.noticeText,
        privacyText: written.values.privacyText ?? texts.privacyText,
        commitmentText: written.values.commitmentText ?? texts.commitmentText,
      };
      const before = versions(savedTexts);
      const after = versions(now);
      setTexts(now);
      setSavedTexts(now);
      const changed = [after.zh !== before.zh ? after.zh : undefined, after.en !== before.en ? after.en : undefined].filter(Boolean).join(', ');
      setSaved(changed === '' ? t('textsSaved') : `${t('textsSaved')} ${t('textsVersionChanged', { version: changed })}`);
    },
    {
      describe: (err) => (err instanceof TextsInvalid ? t('textsHasErrors', { n: err.ids.length }) : fail(err)),
      onFailure: (err) => {
        if (err instanceof TextsInvalid && err.ids[0]) document.getElementById(err.ids[0])?.focus();
      },
    },
  );

  if (loadError)
    return (
      <p className="form-error" role="alert">
        {loadError}
      </p>
    );
  if (!texts || !savedTexts) return <p>{t('loading')}</p>;
  const shown = versions(savedTexts);
  return (
    <form className="texts-form" noValidate onSubmit={submit.onSubmit}>
      <p className="muted" data-testid="texts-version">
        {t('textsVersion', shown)}
      </p>
      {TEXT_KINDS.map((kind) => (
        <fieldset key={kind} className="texts-kind">
          <legend>{t(`siteText_${kind}`)}</legend>
          {TEXT_LANGUAGES.map((lang) => {
            const id = textFieldId(kind, lang);
            const languageWords = t(lang === 'en' ? 'textsLanguage_en' : 'textsLanguage_zh');
            return (
              <Field
                key={lang}
                id={id}
                label={t('textsFieldLabel', { kind: t(`siteText_${kind}`), language: languageWords })}
                error={invalid.includes(id) ? t('textsInvalid', { max: POLICY_TEXT_MAX }) : undefined}
              >
                <textarea
                  rows={4}
                  lang={lang}
                  dir="auto"
                  value={texts[kind][lang]}
                  onChange={(e) => setTexts((x) => (x ? { ...x, [kind]: { ...x[kind], [lang]: e.target.value } } : x))}
                />
              </Field>
            );
          })}
        </fieldset>
      ))}
      {submit.error && (
        <p className="form-error" role="alert" data-testid="texts-error">
          {submit.error}
        </p>
      )}
      <p className="form-ok" role="status" data-testid="texts-saved">
        {saved}
      </p>
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="texts-save">
        {t('textsSave')}
      </button>
    </form>
  );
}

export function SiteTextsScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [error, setError] = useState<string | undefined>();
  const sitesFailed = useCallback((err: unknown) => setError(fail(err)), [fail]);
  const sites = useAdminSites(session.token, sitesFailed);
  return (
    <Screen title={t('textsTitle')} testId="admin-texts-screen">
      <p>{t('textsIntro', { max: POLICY_TEXT_MAX })}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <SitePicker id="texts-site" sites={sites} />
      {sites.site && <TextsForm key={sites.site.id} token={session.token} siteId={sites.site.id} fail={fail} />}
    </Screen>
  );
}
