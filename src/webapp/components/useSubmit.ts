/**
 * The web app's one submit pattern: a form's action runs once at a time (a second press while busy does nothing),
 * the last error is cleared when it starts, and a failure is put in words and the named field gets the focus back, so
 * a keyboard or screen-reader user lands where the problem is.
 */
import { useCallback, useRef, useState, type SyntheticEvent } from 'react';

export interface SubmitOptions {
  /** the words for a failure (an ApiFailure, a network error…) */
  describe: (err: unknown) => string;
  /** the id of the field that takes the focus after a failure */
  focusId?: string;
  /** run after a failure, before the focus moves (e.g. clear a password) */
  onFailure?: (err: unknown) => void;
}

export interface Submit {
  busy: boolean;
  error: string | undefined;
  setError: (error: string | undefined) => void;
  /** runs the action now (for a button outside a form) */
  run: () => Promise<void>;
  /** the form's onSubmit handler: prevents the page load, then runs the action */
  onSubmit: (e: SyntheticEvent<HTMLFormElement>) => void;
}

export function useSubmit(action: () => Promise<void>, options: SubmitOptions, initialError?: string): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError);
  const running = useRef(false);
  const latest = useRef({ action, options });
  latest.current = { action, options };

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(undefined);
    const { action: act, options: opts } = latest.current;
    try {
      await act();
    } catch (err) {
      opts.onFailure?.(err);
      setError(opts.describe(err));
      if (opts.focusId) document.getElementById(opts.focusId)?.focus();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const onSubmit = useCallback(
    (e: SyntheticEvent<HTMLFormElement>) => {
      e.preventDefault();
      void run();
    },
    [run],
  );

  return { busy, error, setError, run, onSubmit };
}
