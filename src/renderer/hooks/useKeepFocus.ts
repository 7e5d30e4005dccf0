import { useEffect, type RefObject } from 'react';

/** Whether keys now go to a text field (the scanner's keys too): then the field handles them. */
export const isTextField = (element: Element | null): boolean => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;

/**
 * Keeps a text field ready for a keyboard-wedge scanner: a key pressed while focus is elsewhere (on a
 * button the visitor touched) moves focus back to the field before the character lands.
 */
export function useKeepFocus(ref: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (isTextField(document.activeElement)) return;
      if (event.key.length === 1 || event.key === 'Enter') ref.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [ref]);
}
