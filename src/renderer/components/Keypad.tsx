import type { MouseEvent } from 'react';
import type { MessageKey } from '../i18n/translate';
import { useT } from '../state/KioskStoreContext';
import { BOOKING_CODE_LAYOUT, type KeyDef, type KeypadLayout } from './keyboard/layouts';

/** Touching a key must not take focus from the field (a scanner or a hardware keyboard may type into it next). */
const keepFocus = (event: MouseEvent) => event.preventDefault();

const ACTION_LABEL: Record<Exclude<KeyDef['type'], 'char'>, MessageKey> = {
  backspace: 'keypad.backspace',
  clear: 'keypad.clear',
  enter: 'osk.next',
  space: 'osk.space',
};

/**
 * An on-screen keyboard for a kiosk without one: the keys of `layout` (booking codes by default; the walk-in form's
 * layouts by field kind, src/renderer/components/keyboard/layouts.ts), large touch targets that never take the focus.
 */
export function Keypad({
  layout = BOOKING_CODE_LAYOUT,
  onKey,
  onBackspace,
  onClear,
  onEnter,
  enterLabel = 'osk.next',
  keyEnabled,
  disabled,
}: {
  layout?: KeypadLayout;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  onEnter?: () => void;
  enterLabel?: MessageKey;
  /** whether a character key may be typed now (the plate's rules); all may by default */
  keyEnabled?: (key: string) => boolean;
  disabled?: boolean;
}) {
  const t = useT();
  const button = (def: KeyDef, index: number) => {
    if (def.type === 'char') {
      return (
        <button
          key={def.value}
          type="button"
          className="keypad__key"
          data-key={def.value}
          disabled={disabled === true || (keyEnabled ? !keyEnabled(def.value) : false)}
          onMouseDown={keepFocus}
          onClick={() => onKey(def.value)}
        >
          {def.value}
        </button>
      );
    }
    const action = { backspace: onBackspace, clear: onClear, enter: onEnter, space: () => onKey(' ') }[def.type];
    if (!action) return null;
    const label = t(def.type === 'enter' ? enterLabel : ACTION_LABEL[def.type]);
    return (
      <button
        key={`${def.type}-${index}`}
        type="button"
        className={`keypad__key keypad__key--wide keypad__key--${def.type}`}
        data-key={def.type}
        disabled={disabled}
        onMouseDown={keepFocus}
        onClick={action}
      >
        {def.type === 'backspace' ? `⌫ ${label}` : label}
      </button>
    );
  };
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')} data-layout={layout.id}>
      {layout.rows.map((row, i) => (
        <div key={i} className="keypad__row">
          {row.map(button)}
        </div>
      ))}
    </div>
  );
}
