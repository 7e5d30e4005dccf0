import type { StaffWarning } from '../../../shared/domain';

/** A `warn` blacklist hit (and no `refuse` one) the staff must acknowledge before check-in or registration goes on. */
export const needsAcknowledgement = (warnings: readonly StaffWarning[] | undefined): boolean =>
  (warnings ?? []).some((w) => w.level === 'warn') && !(warnings ?? []).some((w) => w.level === 'refuse');
