import type { KioskState, UiError } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';

/** The part of a section's state an admin call runs through: one call at a time, and what it was refused with. */
export interface SessionCallState {
  busy: boolean;
  error: UiError | null;
}

export interface SessionCallTarget<S extends SessionCallState> {
  /** the section's state as it is now */
  current(): S;
  patch(changes: Partial<S>): void;
  /** cleared when a call starts (the last call's result) */
  reset: Partial<S>;
}

/**
 * Runs one admin call with the session the admin slice holds, for every admin section (the admin home's own state,
 * the devices section's): nothing without a session or while the section is busy; the answer's changes applied
 * only while that session is still the one held; a locked session (admin_locked: the core's idle lock) shows the
 * PIN pad again; any other refusal is kept as the section's error.
 */
export async function callWithAdminSession<S extends SessionCallState>(
  get: () => KioskState,
  target: SessionCallTarget<S>,
  work: (token: string) => Promise<Partial<S> | undefined>,
): Promise<void> {
  const session = get().admin.session;
  if (!session || target.current().busy) return;
  target.patch({ ...target.reset, busy: true, error: null });
  const held = () => get().admin.session?.token === session.token;
  try {
    const changes = await work(session.token);
    if (held()) target.patch({ ...changes, busy: false } as Partial<S>);
  } catch (error) {
    const uiError = uiErrorFrom(error);
    if (uiError.code === 'admin_locked') {
      target.patch({ busy: false } as Partial<S>);
      get().lockAdminToPad();
      return;
    }
    if (held()) target.patch({ busy: false, error: uiError } as Partial<S>);
  }
}
