import { useKeyboardField } from '../../components/keyboard/OnScreenKeyboard';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** 受访人: by phone or name (2 characters at least); hits show department, office and the phone masked; else 无此受访人. */
export function HostPicker() {
  const t = useT();
  const { hostQuery, hostResult, host } = useKiosk((s) => s.walkin);
  const setHostQuery = useKiosk((s) => s.setHostQuery);
  const searchHosts = useKiosk((s) => s.searchHosts);
  const chooseHost = useKiosk((s) => s.chooseHost);
  // a name in Chinese or a phone number (the pinyin layout has the digits); Enter searches
  const keyboard = useKeyboardField({ kind: 'chinese', value: hostQuery, onChange: setHostQuery, onEnter: () => void searchHosts() });
  return (
    <div className="walkin__host" data-testid="host-picker">
      <span className="field__label">{t('walkin.host')}</span>
      <form
        className="search-form__row"
        onSubmit={(e) => {
          e.preventDefault();
          void searchHosts();
        }}
      >
        <input
          className="field__input"
          data-testid="host-query"
          aria-label={t('walkin.host')}
          placeholder={t('walkin.hostSearch')}
          value={hostQuery}
          onChange={(e) => setHostQuery(e.target.value)}
          {...keyboard}
        />
        <button type="submit" className="button button--secondary" data-testid="host-search">
          {t('walkin.hostSearchButton')}
        </button>
      </form>
      {hostResult?.result === 'no_such_host' && (
        <p className="banner banner--error" data-testid="no-such-host" role="alert">
          {t('walkin.noSuchHost')}
        </p>
      )}
      {hostResult?.result === 'too_short' && <p className="field__hint">{t('walkin.hostTooShort')}</p>}
      {hostResult?.result === 'found' && (
        <ul className="walkin__hits">
          {hostResult.hosts.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={`button button--secondary walkin__hit${host?.id === h.id ? ' walkin__hit--chosen' : ''}`}
                data-testid="host-hit"
                data-host-id={h.id}
                aria-pressed={host?.id === h.id}
                onClick={() => chooseHost(h)}
              >
                {h.name} · {h.department}
                {h.office ? ` · ${t('walkin.hostOffice', { office: h.office })}` : ''} · {h.phoneMasked}
                {h.origin === 'cloud' ? ` · ${t('walkin.fromCloud')}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {host && (
        <p className="field__hint" data-testid="host-chosen" data-host-id={host.id}>
          {t('walkin.hostChosen', { name: host.name, department: host.department })}
        </p>
      )}
    </div>
  );
}
