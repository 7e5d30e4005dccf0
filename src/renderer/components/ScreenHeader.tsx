import { useKiosk, useT } from '../state/KioskStoreContext';

/** A screen's title with a way back (when there is one) and a way home. */
export function ScreenHeader({ title, onBack }: { title: string; onBack?: () => void }) {
  const t = useT();
  const goHome = useKiosk((s) => s.goHome);
  return (
    <header className="screen-header">
      {onBack ? (
        <button type="button" className="button button--ghost" onClick={onBack}>
          ← {t('common.back')}
        </button>
      ) : (
        <span />
      )}
      <h1 className="screen-header__title">{title}</h1>
      <button type="button" className="button button--ghost" data-testid="go-home" onClick={goHome}>
        ⌂ {t('common.home')}
      </button>
    </header>
  );
}
