import { useEffect, useState, type MouseEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useKiosk, useT } from '../../state/KioskStoreContext';

const keepFocus = (event: MouseEvent) => event.preventDefault();
const DIGITS = [...'123456789'];

/** Seconds until `until` (epoch ms), ticking; 0 once passed or without one. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * The PIN pad: large digits, the PIN masked, a hardware keyboard types into its field. First use sets the admin
 * PIN (typed twice); afterwards it unlocks an admin or staff session. Wrong PINs make it wait, shown as a countdown.
 */
export function PinPadScreen() {
  const t = useT();
  const { mode, step, pin, notice, waitUntil, busy, error } = useKiosk((s) => s.admin);
  const setPin = useKiosk((s) => s.setAdminPin);
  const submit = useKiosk((s) => s.submitAdminPin);
  const waitS = useSecondsUntil(waitUntil);
  const waiting = waitS > 0;
  const disabled = busy || waiting;

  const title = mode === 'setup' ? t('admin.pin.titleSetup') : t('admin.pin.titleUnlock');
  const intro = mode === 'unlock' ? t('admin.pin.introUnlock') : step === 'confirm' ? t('admin.pin.introConfirm') : t('admin.pin.introSetup');
  const message = waiting
    ? t('admin.pin.wait', { seconds: waitS })
    : notice === 'wrong_pin'
      ? t('admin.pin.wrong')
      : notice === 'mismatch'
        ? t('admin.pin.mismatch')
        : notice === 'weak'
          ? t('admin.pin.weak')
          : null;

  const key = (label: string, onClick: () => void, extra = '') => (
    <button key={label} type="button" className={`keypad__key pin-pad__key ${extra}`} disabled={disabled} onMouseDown={keepFocus} onClick={onClick}>
      {label}
    </button>
  );

  return (
    <section className="screen screen--admin-pin" data-testid="admin-pin" data-mode={mode} data-step={step}>
      <ScreenHeader title={title} />
      <form
        className="pin-pad card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="pin-pad__intro">{intro}</p>
        <label className="field__label" htmlFor="admin-pin-input">
          {t('admin.pin.label')}
        </label>
        <input
          id="admin-pin-input"
          className="field__input field__input--big pin-pad__input"
          data-testid="admin-pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={12}
          value={pin}
          disabled={busy}
          onChange={(e) => setPin(e.target.value)}
        />
        <p className="pin-pad__count" aria-live="polite">
          {t('admin.pin.entered', { count: pin.length })}
        </p>
        {message && (
          <p className="pin-pad__notice" role="alert" data-testid="admin-pin-notice" data-notice={waiting ? 'wait' : notice}>
            {message}
          </p>
        )}
        <ErrorBanner error={error} />
        <div className="pin-pad__keys" role="group" aria-label={t('admin.pin.pad')}>
          {DIGITS.map((d) => key(d, () => setPin(pin + d)))}
          {key(t('keypad.clear'), () => setPin(''), 'pin-pad__key--small')}
          {key('0', () => setPin(`${pin}0`))}
          {key(`⌫ ${t('keypad.backspace')}`, () => setPin(pin.slice(0, -1)), 'pin-pad__key--small')}
        </div>
        <button type="submit" className="button button--primary button--big" data-testid="admin-pin-submit" disabled={disabled || pin === ''}>
          {t('admin.pin.submit')}
        </button>
      </form>
    </section>
  );
}
