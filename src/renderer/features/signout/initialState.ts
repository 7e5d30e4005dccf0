import type { SignOutState, TodayState } from './types';

export const initialSignOut = (): SignOutState => ({ token: '', busy: false, done: null, error: null });

export const initialToday = (): TodayState => ({
  loading: false,
  visits: null,
  confirmingVisitId: null,
  confirmingEndVisitId: null,
  busyVisitId: null,
  error: null,
});
