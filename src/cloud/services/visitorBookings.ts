/**
 * What a signed-in visitor sees (issue 13 item 2): the bookings at their session's site whose visitor phone is
 * theirs, each with its status in the applicant's words (seed 004), and today's passes found by phone and code
 * (seed 003). Anyone else's booking is, to them, a booking that does not exist.
 */
import { z } from 'zod';
import { bookingStatusLabel, isEditable } from '../../shared/bookingStates';
import { VisitorIdentity, type Booking, type BookingStatus } from '../../shared/domain';
import type { FoundPasses, MyBooking } from '../../shared/signIn';
import { dayRange, siteTimeZone } from '../../shared/siteDay';
import type { VisitorPrincipal } from '../auth';
import type { CloudContext } from '../context';
import type { BookingsTable } from '../db/schema';
import { findSiteTimezone } from '../repositories/sites';
import { listBookingsNamingPhone } from '../repositories/visitorBookings';
import { issueBookingPass } from './bookingPass';
import { bookingAsOf, bookingUnknown, getBookingRow, toBooking } from './bookingRecords';

const VisitorPhone = z.object({ visitor: VisitorIdentity.pick({ phone: true }) });

/** The visitor phone a stored booking names (undefined when its JSON does not parse). */
function visitorPhoneOf(row: Pick<BookingsTable, 'visitor'>): string | undefined {
  try {
    const parsed = VisitorPhone.safeParse({ visitor: JSON.parse(row.visitor) as unknown });
    return parsed.success ? parsed.data.visitor.phone : undefined;
  } catch {
    return undefined;
  }
}

/** Is this the visitor's booking: at their session's site, with their phone as its visitor's? */
export function isVisitorsBooking(p: Pick<VisitorPrincipal, 'siteId' | 'phone'>, row: Pick<BookingsTable, 'site_id' | 'visitor'>): boolean {
  return row.site_id === p.siteId && visitorPhoneOf(row) === p.phone;
}

export const toMyBooking = (row: BookingsTable): MyBooking => withApplicantLabels(toBooking(row));

/** A booking as its applicant reads it: its status in their words, and whether they may still edit it. */
export function withApplicantLabels(b: Booking): MyBooking {
  return {
    ...b,
    statusLabel: { 'zh-CN': bookingStatusLabel(b.status, 'applicant', 'zh-CN'), en: bookingStatusLabel(b.status, 'applicant', 'en') },
    editable: isEditable(b.status),
  };
}

const MY_BOOKINGS_LIMIT = 200;

/** The visitor's bookings, newest window first, of one status or all. */
export async function listMyBookings(ctx: CloudContext, p: VisitorPrincipal, status?: BookingStatus): Promise<MyBooking[]> {
  // read as of now (a window that has ended is expired before the sweep job records it), so the status is filtered here
  const now = ctx.now();
  const rows = (await listBookingsNamingPhone(ctx.db, p.siteId, p.phone, { limit: MY_BOOKINGS_LIMIT })).map((r) => bookingAsOf(r, now));
  return rows.filter((r) => isVisitorsBooking(p, r) && (status === undefined || r.status === status)).map(toMyBooking);
}

/** One of the visitor's bookings; anyone else's is 404 booking_unknown, as a booking that does not exist. */
export async function getMyBookingRow(ctx: CloudContext, p: VisitorPrincipal, bookingId: string): Promise<BookingsTable> {
  const row = bookingAsOf(await getBookingRow(ctx.db, bookingId), ctx.now());
  if (!isVisitorsBooking(p, row)) throw bookingUnknown(bookingId);
  return row;
}

/** Today's (the site's day) approved bookings of a phone at a site, each with its pass: seed 003's look-up. */
export async function todaysPasses(ctx: CloudContext, siteId: string, phone: string): Promise<FoundPasses> {
  const now = ctx.now();
  const { from, to } = dayRange(now, siteTimeZone(await findSiteTimezone(ctx.db, siteId)), 0, 0);
  const rows = await listBookingsNamingPhone(ctx.db, siteId, phone, { status: 'approved', overlaps: { from, to }, limit: MY_BOOKINGS_LIMIT });
  const mine = rows
    .map((r) => bookingAsOf(r, now))
    .filter((r) => r.status === 'approved' && isVisitorsBooking({ siteId, phone }, r))
    .reverse();
  const passes = [];
  for (const row of mine) passes.push({ booking: toMyBooking(row), pass: await issueBookingPass(ctx, row) });
  return { passes };
}
