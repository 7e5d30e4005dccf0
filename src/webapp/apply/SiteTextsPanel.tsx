/**
 * The site's notice, privacy and commitment texts (edited in the site's policy; public: GET /sites/{id}/texts), shown
 * above the application when the link names the site (/app/apply?site=ID). Each non-empty text in the page's language
 * (the other when it is empty), folded in a <details>; nothing when the link names no site or the site is unknown.
 */
import { useEffect, useState } from 'react';
import { SiteTexts } from '../../shared/peopleAdmin';
import { call } from '../api/client';
import { useLanguage } from '../i18n/language';

const SITE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KINDS = ['noticeText', 'privacyText', 'commitmentText'] as const;

export function SiteTextsPanel() {
  const { t, language } = useLanguage();
  const [texts, setTexts] = useState<SiteTexts | undefined>();
  useEffect(() => {
    const site = new URLSearchParams(location.search).get('site');
    if (site === null || !SITE_ID.test(site)) return;
    let live = true;
    call(SiteTexts, 'GET', `/sites/${site}/texts`).then(
      (r) => live && setTexts(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!texts) return null;
  const shown = KINDS.map((k) => ({ k, text: texts[k][language] || texts[k][language === 'en' ? 'zh-CN' : 'en'] })).filter((x) => x.text !== '');
  if (shown.length === 0) return null;
  return (
    <div className="site-texts" data-testid="site-texts">
      {shown.map(({ k, text }) => (
        <details key={k}>
          <summary>{t(`siteText_${k}`)}</summary>
          <p className="site-text">{text}</p>
        </details>
      ))}
    </div>
  );
}
