import { useEffect, useRef, useState } from 'react';

/** Seconds left of a countdown that starts on mount and calls `onDone` once when it reaches zero. */
export function useCountdown(seconds: number, onDone: () => void): number {
  const [left, setLeft] = useState(seconds);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  useEffect(() => {
    const endsAt = Date.now() + seconds * 1000;
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        window.clearInterval(timer);
        onDoneRef.current();
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [seconds]);

  return left;
}
