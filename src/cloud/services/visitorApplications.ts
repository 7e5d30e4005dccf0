/**
 * A signed-in visitor applies and amends (issue 13 item 2): always for themselves (the visitor phone is forced to
 * the session's, the source to `self`), to a host of the site they signed in at, and only once they have accepted the
 * site's current privacy notice. Every rule of an application (window, blacklist, the host's visit permission) is
 * the staff path's (bookingLifecycle.ts, bookingEdits.ts); an edit makes the booking pending again for its host.
 */
import type { Booking } from '../../shared/domain';
import type { VisitorPrincipal } from '../auth';
import type { CloudContext } from '../context';
import { forbidden, HttpError } from '../errors';
import { resubmitBooking, type BookingEditInput } from './bookingEdits';
import { cancelBooking, createBooking, type BookingCreateInput } from './bookingLifecycle';
import { acceptedPrivacyVersion, currentPrivacyNotice } from './privacyNotice';

async function requirePrivacyAccepted(ctx: CloudContext, p: VisitorPrincipal): Promise<void> {
  const notice = await currentPrivacyNotice(ctx.db, p.siteId);
  if ((await acceptedPrivacyVersion(ctx.db, notice, p.siteId, p.phone)) === null) {
    throw new HttpError(409, 'privacy_notice_outdated', '隐私声明已更新，请重新登录并同意 / the privacy notice has changed: sign in again and accept it', {
      versions: notice.versions,
    });
  }
}

/** The visitor's own application: 201 with the booking (404 无此受访人, 409 blacklisted, as for staff). */
export async function applyAsVisitor(ctx: CloudContext, p: VisitorPrincipal, input: BookingCreateInput): Promise<Booking> {
  if (input.source !== 'self') throw forbidden(`a ${input.source} booking needs an admin or host bearer`);
  if (input.ccHostIds !== undefined && input.ccHostIds.length > 0) throw forbidden('copying a booking to hosts (ccHostIds) needs an admin or host bearer');
  await requirePrivacyAccepted(ctx, p);
  return createBooking(ctx, p, { ...input, visitor: { ...input.visitor, phone: p.phone } });
}

/** The visitor's amendment of their pending or returned booking (another's: 404). */
export async function editAsVisitor(ctx: CloudContext, p: VisitorPrincipal, bookingId: string, input: BookingEditInput): Promise<Booking> {
  await requirePrivacyAccepted(ctx, p);
  return resubmitBooking(ctx, p, bookingId, { ...input, visitor: { ...input.visitor, phone: p.phone } });
}

export const cancelAsVisitor = (ctx: CloudContext, p: VisitorPrincipal, bookingId: string): Promise<Booking> => cancelBooking(ctx, p, bookingId);
