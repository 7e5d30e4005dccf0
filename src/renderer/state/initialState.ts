import type { CheckinState, ConflictsState, PassPrintState, SignOutState, TodayState } from './types';

export const initialPassPrint = (): PassPrintState => ({ status: 'idle', error: null });

export const initialCheckin = (): CheckinState => ({
  query: '',
  searching: false,
  results: null,
  selected: null,
  confirming: false,
  visitId: null,
  issued: null,
  error: null,
  card: null,
  readingCard: false,
  temperature: null,
  measuring: false,
  print: initialPassPrint(),
});

export const initialSignOut = (): SignOutState => ({ token: '', busy: false, done: null, error: null });

export const initialToday = (): TodayState => ({
  loading: false,
  visits: null,
  confirmingVisitId: null,
  busyVisitId: null,
  error: null,
});

export const initialConflicts = (): ConflictsState => ({ loading: false, items: null, busyCommandId: null, error: null });
