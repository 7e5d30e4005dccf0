import type { ConflictsState } from './types';

export const initialConflicts = (): ConflictsState => ({ loading: false, items: null, busyCommandId: null, error: null });
