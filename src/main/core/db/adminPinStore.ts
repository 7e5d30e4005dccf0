/** The PIN pad's wrong attempts in a row and when the last was, so that its backoff survives a restart. */
import type { KioskDb } from './openDb';

export interface PinAttempts {
  failures: number;
  lastFailureAt?: string;
}

export function readPinAttempts(db: KioskDb): PinAttempts {
  const row = db.prepare('SELECT failures, last_failure_at FROM admin_pin_attempts WHERE id = 1').get() as
    { failures: number; last_failure_at: string | null } | undefined;
  if (!row) return { failures: 0 };
  return row.last_failure_at === null ? { failures: row.failures } : { failures: row.failures, lastFailureAt: row.last_failure_at };
}

/** One more wrong PIN at `at`; answers the failures in a row now. */
export function recordPinFailure(db: KioskDb, at: string): number {
  db.prepare('UPDATE admin_pin_attempts SET failures = failures + 1, last_failure_at = ? WHERE id = 1').run(at);
  return readPinAttempts(db).failures;
}

export function resetPinFailures(db: KioskDb): void {
  db.prepare('UPDATE admin_pin_attempts SET failures = 0, last_failure_at = NULL WHERE id = 1').run();
}
