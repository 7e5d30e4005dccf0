/**
 * The cloud pass of an approved booking: one function for staff (GET /bookings/{id}/pass), the visitor's "my pass"
 * (GET /me/bookings/{id}/pass) and a pass found by phone and code (POST /passes/find). Issued only for an approved
 * booking (409 booking_state otherwise: no QR before the host's approval), valid only inside the visit window: from
 * its start less the site's early-arrival allowance to its end.
 */
import { visitOpensAt } from '../../shared/domain';
import { maskName } from '../../shared/mask';
import { compactWindow, signPassV1, signPassV2, type PassDetails } from '../../shared/pass';
import type { IssuedPass } from '../../shared/sync';
import type { CloudContext } from '../context';
import type { BookingsTable } from '../db/schema';
import { conflict } from '../errors';
import { getHostName } from '../repositories/hosts';
import { findSiteRow } from '../repositories/sites';
import { toBooking } from './bookingRecords';
import { CLOUD_ISSUER } from './passKeys';
import { earlyArrivalMinutesFor } from './policy';
import { siteSigningKey } from './siteSigningKeys';

/** The pass of a booking (read after the expiry sweep, so an ended window is `expired`, not approved). */
export async function issueBookingPass(ctx: CloudContext, row: BookingsTable): Promise<IssuedPass> {
  if (row.status !== 'approved') throw conflict('booking_state', `a pass is issued only for an approved booking (this one is ${row.status})`);
  const booking = toBooking(row);
  const signingKey = await siteSigningKey(ctx, booking.siteId);
  const hostName = await getHostName(ctx.db, row.host_id);
  const site = await findSiteRow(ctx.db, booking.siteId);
  const nbf = Math.floor(visitOpensAt(booking.windowStart, site ? await earlyArrivalMinutesFor(ctx.db, site) : undefined) / 1000);
  const details = {
    bid: booking.id,
    site: booking.siteId,
    name: maskName(booking.visitor.name).slice(0, 40),
    host: hostName.slice(0, 40),
    n: booking.groupSize,
    iss: CLOUD_ISSUER,
    kid: signingKey.kid,
  };
  if (ctx.passTokenVersion === 1) {
    // a fleet still upgrading: kiosks older than compact passes read only version 1
    const v1 = { pid: booking.id, ...details, nbf, exp: Math.floor(Date.parse(booking.windowEnd) / 1000) };
    return { token: await signPassV1(v1, signingKey.privateKey), payload: { v: 1 as const, ...v1 } };
  }
  const window = compactWindow(nbf, Math.floor(Date.parse(booking.windowEnd) / 1000));
  const token = await signPassV2(
    { subject: { kind: 'booking', bookingId: booking.id }, site: booking.siteId, ...window, kid: signingKey.kid },
    signingKey.privateKey,
  );
  const payload: PassDetails = { v: 2, pid: booking.id, ...details, ...window };
  return { token, payload };
}
