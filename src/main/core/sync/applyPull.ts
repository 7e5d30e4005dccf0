/** Applying one page of a pull to the local database, in one transaction. */
import type { Booking, KioskBooking } from '../../../shared/domain';
import type { PullResponse } from '../../../shared/sync';
import { getBooking, upsertBooking, writeBooking } from '../db/bookingsStore';
import type { KioskDb } from '../db/openDb';
import { hasPendingCommandFor } from '../db/outboxStore';
import { dropCloudPassKeysNotIn, upsertBlacklistEntry, upsertHost, upsertPassKey, upsertRevokedPass } from '../db/referenceStore';
import { savePullProgress } from '../db/syncStateStore';

/**
 * A booking from the cloud (parsed by the pull's reply schema), unless the kiosk has a command for it still to push:
 * then the kiosk's own arrival/exit stays (the cloud has not heard of it yet), the rest is the cloud's. The local copy
 * is read only then (an index probe first: a first pull of 10,000 read and parsed each row it was about to replace).
 */
export function applyCloudBooking(db: KioskDb, pulled: KioskBooking): void {
  const local = hasPendingCommandFor(db, pulled.id) ? getBooking(db, pulled.id) : undefined;
  if (local) {
    const merged: Booking = { ...pulled, status: local.status };
    if (local.arrivedAt !== undefined) merged.arrivedAt = local.arrivedAt;
    if (local.arrivedVisitId !== undefined) merged.arrivedVisitId = local.arrivedVisitId;
    if (local.leftAt !== undefined) merged.leftAt = local.leftAt;
    upsertBooking(db, merged);
    return;
  }
  writeBooking(db, pulled);
}

export function applyPullPage(db: KioskDb, page: Omit<PullResponse, 'policy'>, at: Date): void {
  db.transaction(() => {
    for (const b of page.bookings) applyCloudBooking(db, b);
    for (const h of page.hosts) upsertHost(db, h);
    for (const e of page.blacklist) upsertBlacklistEntry(db, e);
    // absent when the kiosk's config version is current: it keeps the keys and the site it holds
    if (page.passKeys !== undefined) {
      for (const k of page.passKeys) upsertPassKey(db, k);
      dropCloudPassKeysNotIn(db, page.passKeys);
    }
    for (const r of page.revokedPasses) upsertRevokedPass(db, r);
    savePullProgress(db, page.cursor, at.toISOString(), page.site);
  })();
}
