/** What the kiosk says of a pass: one it issued (read back from its stored token), or one it verified (with its local names). */
import type { Visit } from '../../shared/domain';
import { maskName } from '../../shared/mask';
import { decodePass, type PassDetails, type PassPayload } from '../../shared/pass';
import { bookingArrivedOn, getBooking } from './db/bookingsStore';
import type { KioskDb } from './db/openDb';
import { getHost } from './db/referenceStore';
import { getVisit } from './db/visitsStore';
import type { PassPrintRequest } from './devices';
import type { PassShows } from '../../shared/visitPolicy';

/** What this kiosk said of a pass it issued (its stored token, signed here: read back without re-verifying). */
export function issuedPassDetails(db: KioskDb, siteId: string, visit: Visit, token: string): PassDetails {
  const decoded = decodePass(token);
  if (decoded.v === 1) return { v: 1, ...decoded.payload };
  const booking = visit.bookingId !== undefined ? getBooking(db, visit.bookingId) : undefined;
  return {
    v: 2,
    pid: visit.id,
    ...(visit.bookingId !== undefined ? { bid: visit.bookingId } : {}),
    site: siteId,
    name: maskName(visit.visitorName).slice(0, 40),
    host: visit.hostName.slice(0, 40),
    n: booking?.groupSize ?? 1,
    nbf: decoded.claims.nbf,
    exp: decoded.claims.exp,
    iss: `kiosk:${visit.kioskId}`,
    kid: decoded.claims.kid,
  };
}

/**
 * A verified version 2 pass with what this kiosk knows of it: a kiosk pass's visit (only one the signing kiosk
 * recorded) and booking, a cloud pass's booking. Version 1 passes carry their own names; unknown subjects stay bare.
 */
export function withLocalDetails(db: KioskDb, payload: PassPayload): PassPayload {
  if (payload.v === 1) return payload;
  const found = getVisit(db, payload.pid)?.visit;
  const visit = payload.bid === undefined && found !== undefined && payload.iss === `kiosk:${found.kioskId}` ? found : undefined;
  const named = payload.bid ?? visit?.bookingId;
  const booking = named !== undefined ? getBooking(db, named) : bookingArrivedOn(db, payload.pid);
  const bookingId = named ?? booking?.id;
  const visitorName = visit?.visitorName ?? booking?.visitor.name;
  const hostName = visit?.hostName ?? (booking ? getHost(db, booking.hostId)?.name : undefined);
  return {
    ...payload,
    ...(bookingId !== undefined ? { bid: bookingId } : {}),
    ...(visitorName !== undefined ? { name: maskName(visitorName).slice(0, 40) } : {}),
    ...(hostName !== undefined ? { host: hostName.slice(0, 40) } : {}),
    ...(booking ? { n: booking.groupSize } : {}),
  };
}

/** What a printed pass shows beyond name, host and window, as the policy's passShows says: the booking's unit, plate and reason. */
export function passShownFields(
  db: KioskDb,
  shows: PassShows,
  bookingId: string | undefined,
): Pick<PassPrintRequest, 'shows' | 'company' | 'plate' | 'reason'> {
  const booking = bookingId !== undefined ? getBooking(db, bookingId) : undefined;
  return {
    shows,
    ...(shows.company && booking?.visitor.company ? { company: booking.visitor.company } : {}),
    ...(shows.plate && booking?.visitor.plate ? { plate: booking.visitor.plate } : {}),
    ...(shows.reason && booking?.reason ? { reason: booking.reason } : {}),
  };
}
