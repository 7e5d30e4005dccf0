/**
 * Retention: personal data is kept only settings.retentionDays. Visits (checked in before the cut-off),
 * bookings (window ended before it) and answered outbox commands (made before it) are deleted; a command
 * still pending, and the visit it belongs to, are kept whatever their age.
 */
import type { KioskDb } from './openDb';

export interface PurgeCounts {
  visits: number;
  bookings: number;
  commands: number;
}

export function purgeOlderThan(db: KioskDb, now: Date, retentionDays: number): PurgeCounts {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction((): PurgeCounts => {
    const visits = db
      .prepare(
        `DELETE FROM visits WHERE checked_in_at < ?
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id IN (visits.checkin_command_id, visits.checkout_command_id) AND o.state = 'pending')`,
      )
      .run(cutoff).changes;
    const bookings = db
      .prepare(`DELETE FROM bookings WHERE window_end < ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = bookings.id AND o.state = 'pending')`)
      .run(cutoff).changes;
    const commands = db.prepare(`DELETE FROM outbox WHERE at < ? AND state <> 'pending'`).run(cutoff).changes;
    return { visits, bookings, commands };
  })();
}
