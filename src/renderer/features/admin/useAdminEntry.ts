import { useEffect, useRef } from 'react';
import { createTapCounter, isAdminShortcut } from './tapGesture';

/**
 * The ways into administration: Ctrl+Alt+A anywhere, and the returned tap handler (five taps on the logo within
 * 3 s), each calling `open`; the tap handler answers whether this tap opened it.
 */
export function useAdminEntry(open: () => void): () => boolean {
  const openRef = useRef(open);
  openRef.current = open;
  const counter = useRef(createTapCounter());
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isAdminShortcut(e)) return;
      e.preventDefault();
      openRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return () => {
    if (!counter.current.tap(Date.now())) return false;
    openRef.current();
    return true;
  };
}
