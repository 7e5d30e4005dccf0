import type { Visit } from '../../../shared/domain';

/** Whether the visitor is inside now: not signed out, and (a multi-day visit) last seen entering today. */
export const isOnSite = (visit: Visit): boolean => !visit.checkedOutAt && (visit.todayState ?? 'in') === 'in';
