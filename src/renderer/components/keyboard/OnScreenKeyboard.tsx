/**
 * The walk-in form's on-screen keyboard (issue 9, item 8): a provider the form's text fields register with
 * (useKeyboardField), and the dock it renders at the bottom of the screen. Touching a field opens the keyboard with
 * the layout of the field's kind; the field keeps the focus, so a hardware keyboard types into it too, open or closed.
 * Keys change the field through its own onChange, exactly as typing does (the same validation applies).
 */
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { KeyboardDock } from './KeyboardDock';
import { KeyboardContext, useOnScreenKeyboard, type ActiveField, type FieldBinding, type KeyboardApi, type Registered } from './keyboardContext';

/** The label a person sees for `input`: its field's label, else its accessible name or placeholder. */
function labelOf(input: HTMLInputElement | null): string {
  if (!input) return '';
  const fieldLabel = input.closest('label')?.querySelector('.field__label')?.textContent;
  return fieldLabel ?? input.getAttribute('aria-label') ?? input.placeholder;
}

/** Provides the keyboard to the fields inside it and docks it after them. */
export function OnScreenKeyboard({ children }: { children: ReactNode }) {
  const registry = useRef(new Map<string, Registered>());
  const [open, setOpenState] = useState(false);
  const [active, setActive] = useState<ActiveField | null>(null);
  const activeId = active?.id ?? null;
  const register = useCallback((id: string, entry: Registered) => {
    registry.current.set(id, entry);
  }, []);
  const unregister = useCallback((id: string) => {
    registry.current.delete(id);
    setActive((a) => (a?.id === id ? null : a));
  }, []);

  const api = useMemo<KeyboardApi>(() => {
    const current = () => (activeId ? registry.current.get(activeId) : undefined);
    const refocus = () => {
      const el = current()?.element;
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    };
    const change = (next: (value: string) => string) => {
      const entry = current();
      if (!entry) return;
      entry.binding.onChange(next(entry.binding.value));
      refocus();
    };
    const next = () => {
      const fields = [...document.querySelectorAll<HTMLInputElement>('input[data-osk-kind]')];
      const here = current()?.element;
      const following = here ? fields[fields.indexOf(here) + 1] : undefined;
      if (following) following.focus();
      else setOpenState(false);
    };
    return {
      open,
      active,
      activate: (id, openIt) => {
        const entry = registry.current.get(id);
        if (!entry) return;
        setActive({ id, kind: entry.binding.kind, value: entry.binding.value, label: labelOf(entry.element), hasOwnEnter: !!entry.binding.onEnter });
        if (openIt) setOpenState(true);
      },
      sync: (id, value) => {
        const entry = registry.current.get(id);
        if (id !== activeId || !entry) return;
        const { kind } = entry.binding;
        setActive((a) => (a && a.id === id && (a.value !== value || a.kind !== kind) ? { ...a, value, kind } : a));
      },
      register,
      unregister,
      element: () => current()?.element ?? null,
      setOpen: (value) => {
        setOpenState(value);
        if (value) refocus();
      },
      type: (text) => change((v) => v + text),
      backspace: () => change((v) => [...v].slice(0, -1).join('')),
      clear: () => change(() => ''),
      enter: () => {
        const onEnter = current()?.binding.onEnter;
        if (onEnter) onEnter();
        else next();
      },
      next,
    };
  }, [open, active, activeId, register, unregister]);

  return (
    <KeyboardContext.Provider value={api}>
      {children}
      <KeyboardDock />
    </KeyboardContext.Provider>
  );
}

/** Props for a text input that the on-screen keyboard types into (plain props outside an OnScreenKeyboard). */
export function useKeyboardField(binding: FieldBinding, inputMode?: 'text' | 'tel') {
  const keyboard = useOnScreenKeyboard();
  const id = useId();
  const element = useRef<HTMLInputElement | null>(null);
  const bindingRef = useRef(binding);
  bindingRef.current = binding;

  useLayoutEffect(() => {
    keyboard?.register(id, { binding: bindingRef.current, element: element.current });
    keyboard?.sync(id, binding.value);
  });
  const unregister = keyboard?.unregister;
  useLayoutEffect(() => () => unregister?.(id), [id, unregister]);

  const ref = useCallback((el: HTMLInputElement | null) => {
    element.current = el;
  }, []);
  if (!keyboard) return { ref, inputMode };
  return {
    ref,
    'data-osk-kind': binding.kind,
    inputMode: keyboard.open ? ('none' as const) : inputMode,
    onPointerDown: () => keyboard.activate(id, true),
    onFocus: () => keyboard.activate(id, false),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.nativeEvent.isComposing) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        keyboard.enter();
      } else if (event.key === 'Escape' && keyboard.open) {
        event.preventDefault();
        keyboard.setOpen(false);
      }
    },
  };
}
