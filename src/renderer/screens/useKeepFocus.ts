import { useEffect, type RefObject } from 'react';

/**
 * Keeps a text field ready for a keyboard-wedge scanner: a key pressed while focus is elsewhere (on a
 * button the visitor touched) moves focus back to the field before the character lands.
 */
export function useKeepFocus(ref: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const active = document.activeElement;
      if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) return;
      if (event.key.length === 1 || event.key === 'Enter') ref.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [ref]);
}
