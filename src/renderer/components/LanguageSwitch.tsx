import { useKiosk, useT } from '../state/KioskStoreContext';

/** 中文 ⇄ English; the label names the language it switches to. */
export function LanguageSwitch() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const setLanguage = useKiosk((s) => s.setLanguage);
  const target = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t('lang.switchLabel')}
      lang={target}
      onClick={() => void setLanguage(target)}
    >
      <span aria-hidden="true" className="lang-switch__globe">
        文A
      </span>
      {t('lang.switchTo')}
    </button>
  );
}
