import { useEffect, useRef } from 'react';
import { KeyboardWedgeDetector } from '../input/keyboardWedge';
import { isTextField } from './useKeepFocus';

const FLUSH_AFTER_MS = 60;

/**
 * A scanner in keyboard mode "types" its code as a fast burst of keys. Where no text field has focus (the home
 * screen) those keys would be lost: this hands each detected burst to `onScan`. Keys typed into a text field
 * are left to the field (it submits on the scanner's Enter).
 */
export function useWedgeScanner(enabled: boolean, onScan: (text: string) => void): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return undefined;
    const detector = new KeyboardWedgeDetector();
    let flushTimer: number | undefined;
    const deliver = (scans: { text: string }[]): void => {
      for (const scan of scans) onScanRef.current(scan.text);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (isTextField(document.activeElement)) {
        detector.reset();
        return;
      }
      deliver(detector.feed(event.key, event.timeStamp));
      window.clearTimeout(flushTimer);
      flushTimer = window.setTimeout(() => deliver(detector.flush(performance.now())), FLUSH_AFTER_MS);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.clearTimeout(flushTimer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [enabled]);
}
