import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'input'] as const;

/** Calls `onIdle` after `ms` without a touch, click or key press (a scanner typing counts as activity). */
export function useIdleTimeout(enabled: boolean, ms: number, onIdle: () => void, resetKey?: unknown): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!enabled) return undefined;
    let timer = window.setTimeout(() => onIdleRef.current(), ms);
    const restart = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => onIdleRef.current(), ms);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart, { capture: true });
    };
  }, [enabled, ms, resetKey]);
}
