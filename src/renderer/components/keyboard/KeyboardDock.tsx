import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../state/KioskStoreContext';
import { Keypad } from '../Keypad';
import { keyAllowed, layoutFor, plateStage, type FieldKind } from './layouts';
import { useOnScreenKeyboard } from './keyboardContext';
import { PinyinCandidates, usePinyinIndex } from './PinyinCandidates';
import { lookUpPinyin } from './pinyin';

const keepFocus = (event: MouseEvent) => event.preventDefault();

const PLATE_HINT: Record<ReturnType<typeof plateStage>, MessageKey> = {
  province: 'osk.plateProvince',
  letter: 'osk.plateLetter',
  serial: 'osk.plateSerial',
  full: 'osk.plateFull',
};

/**
 * The keyboard docked at the bottom of the screen (sticky, so the focused field scrolls above it): the field it types
 * into, the pinyin candidates for Chinese fields, the keys of the field's kind, 完成. Closed, a toggle opens it again.
 */
export function KeyboardDock() {
  const t = useT();
  const keyboard = useOnScreenKeyboard();
  const dock = useRef<HTMLDivElement>(null);
  const [composition, setComposition] = useState('');
  const [latin, setLatin] = useState(false);
  const active = keyboard?.active ?? null;
  const open = keyboard?.open === true && active !== null;
  const chinese = active?.kind === 'chinese' && !latin;
  const pinyin = usePinyinIndex(open && chinese);

  // a new field starts without a composition, in its own layout
  useEffect(() => {
    setComposition('');
    setLatin(false);
  }, [active?.id]);

  // keep the focused field above the keyboard
  useLayoutEffect(() => {
    const el = keyboard?.element();
    if (!open || !el || !dock.current) return;
    el.style.scrollMarginBottom = `${dock.current.offsetHeight + 24}px`;
    el.scrollIntoView({ block: 'nearest' });
  }, [open, active?.id, chinese, keyboard]);

  if (!keyboard || !active) return null;
  if (!open) {
    return (
      <button
        type="button"
        className="button button--secondary osk-toggle"
        data-testid="osk-toggle"
        aria-expanded={false}
        onMouseDown={keepFocus}
        onClick={() => keyboard.setOpen(true)}
      >
        ⌨ {t('osk.show')}
      </button>
    );
  }

  const kind: FieldKind = active.kind === 'chinese' && latin ? 'latin' : active.kind;
  const lookup = chinese && pinyin.index && composition ? lookUpPinyin(pinyin.index, composition) : null;
  const choose = (ch: string) => {
    keyboard.type(ch);
    setComposition((c) => c.slice(lookup?.consumed ?? c.length));
  };
  const onKey = (key: string) => {
    if (chinese && /^[a-z]$/.test(key)) setComposition((c) => c + key);
    else if (chinese && key === ' ' && lookup?.candidates[0]) choose(lookup.candidates[0]);
    else keyboard.type(key);
  };
  const onBackspace = () => {
    if (composition) setComposition((c) => c.slice(0, -1));
    else keyboard.backspace();
  };
  const onClear = () => {
    setComposition('');
    keyboard.clear();
  };
  const onEnter = () => {
    // Enter with letters composed types them as they are (a Latin word in a Chinese field)
    if (composition) {
      keyboard.type(composition);
      setComposition('');
    } else keyboard.enter();
  };

  return (
    <div ref={dock} className="osk" role="region" aria-label={t('osk.label')} data-testid="osk" data-kind={kind}>
      <div className="osk__bar">
        <span className="osk__field" data-testid="osk-field">
          {t('osk.typingInto', { field: active.label })}
        </span>
        {kind === 'plate' && (
          <span className="osk__hint" data-testid="osk-plate-hint" aria-live="polite">
            {t(PLATE_HINT[plateStage(active.value)])}
          </span>
        )}
        {active.kind === 'chinese' && (
          <button
            type="button"
            className="button button--secondary osk__mode"
            data-testid="osk-mode"
            aria-pressed={latin}
            onMouseDown={keepFocus}
            onClick={() => {
              setComposition('');
              setLatin((l) => !l);
            }}
          >
            {t(latin ? 'osk.modeLatin' : 'osk.modeChinese')}
          </button>
        )}
        <button
          type="button"
          className="button button--primary osk__done"
          data-testid="osk-done"
          aria-expanded={true}
          onMouseDown={keepFocus}
          onClick={() => keyboard.setOpen(false)}
        >
          {t('osk.done')}
        </button>
      </div>
      {chinese && <PinyinCandidates composition={composition} state={pinyin} lookup={lookup} onChoose={choose} />}
      <Keypad
        layout={layoutFor(kind, active.value)}
        keyEnabled={(key) => keyAllowed(kind, active.value, key)}
        onKey={onKey}
        onBackspace={onBackspace}
        onClear={onClear}
        onEnter={onEnter}
        enterLabel={active.hasOwnEnter ? 'osk.enter' : 'osk.next'}
      />
    </div>
  );
}
