import type { MouseEvent } from 'react';
import { useT } from '../state/KioskStoreContext';

/** Touching a key must not take focus from the field (a scanner may type into it next). */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/** Digits, then the letters a booking code can hold (Crockford base32: no I, L, O, U). */
const DIGITS = [...'1234567890'];
const LETTERS = [...'ABCDEFGHJKMNPQRSTVWXYZ'];

/** An on-screen keyboard for booking codes and phone numbers, for a kiosk without a keyboard. */
export function Keypad({
  onKey,
  onBackspace,
  onClear,
  disabled,
}: {
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  disabled?: boolean;
}) {
  const t = useT();
  const key = (k: string) => (
    <button key={k} type="button" className="keypad__key" disabled={disabled} onMouseDown={keepFocus} onClick={() => onKey(k)}>
      {k}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      <div className="keypad__row keypad__row--digits">{DIGITS.map(key)}</div>
      <div className="keypad__row keypad__row--letters">{LETTERS.map(key)}</div>
      <div className="keypad__row keypad__row--actions">
        <button type="button" className="keypad__key keypad__key--wide" disabled={disabled} onMouseDown={keepFocus} onClick={onClear}>
          {t('keypad.clear')}
        </button>
        <button type="button" className="keypad__key keypad__key--wide" disabled={disabled} onMouseDown={keepFocus} onClick={onBackspace}>
          ⌫ {t('keypad.backspace')}
        </button>
      </div>
    </div>
  );
}
