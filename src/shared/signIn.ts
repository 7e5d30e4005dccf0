/**
 * Visitors and hosts sign in with their phone and a one-time code (issue 13 items 2 and 3): the requests and replies
 * of the sign-in routes, what a signed-in visitor reads of their bookings, and finding a pass by phone and code
 * without an account (seed 003). Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { Booking, BookingStatus, Id, Instant, Phone } from './domain';
import { IssuedPass } from './sync';
import { BilingualText } from './visitPolicy';

/**
 * Who signs in: a visitor (anyone with the phone), a host (their phone in the site's host directory), or staff (an
 * enabled account of the site with this phone: src/shared/accounts.ts, signing in at POST /auth/staff/sessions).
 */
export const SignInAudience = z.enum(['visitor', 'host', 'staff']);
export type SignInAudience = z.infer<typeof SignInAudience>;

/** A one-time code: 6 digits. */
export const SignInCode = z.string().regex(/^\d{6}$/, 'code: the 6 digits sent to the phone');

/** A privacy notice's version (privacyNoticeVersionOf, src/shared/visitPolicy.ts). */
export const PrivacyNoticeVersion = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, 'privacyNoticeVersion: the version shown');

export const SignInCodeRequest = z.object({ siteId: Id, phone: Phone, audience: SignInAudience }).strict();
export type SignInCodeRequest = z.input<typeof SignInCodeRequest>;

/** The site's privacy notice and its version in each language: a visitor accepts one of them to sign in. */
export const PrivacyNotice = z.object({
  text: BilingualText,
  versions: z.object({ 'zh-CN': PrivacyNoticeVersion, en: PrivacyNoticeVersion }),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/**
 * The reply to a code request (202): the same whatever the phone (a host's or not: it tells nobody who is in the
 * directory), with the site's privacy notice that a visitor accepts at sign-in.
 */
export const SignInCodeReceipt = z.object({
  accepted: z.literal(true),
  expiresInSeconds: z.number().int(),
  message: z.string(),
  privacyNotice: PrivacyNotice,
});
export type SignInCodeReceipt = z.infer<typeof SignInCodeReceipt>;

export const SessionCreate = z
  .object({
    siteId: Id,
    phone: Phone,
    code: SignInCode,
    audience: z.enum(['visitor', 'host']),
    /** a visitor: the version of the privacy notice they were shown and accept (required) */
    privacyNoticeVersion: PrivacyNoticeVersion.optional(),
  })
  .strict();
export type SessionCreate = z.input<typeof SessionCreate>;

/** Who a session is, as its holder sees it: the phone masked. */
export const SessionPrincipal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitor'), siteId: Id, sessionId: Id, phoneMasked: z.string() }),
  z.object({ kind: z.literal('host'), siteId: Id, hostId: Id }),
]);
export type SessionPrincipal = z.infer<typeof SessionPrincipal>;

export const SessionCreated = z.object({ token: z.string(), expiresAt: Instant, principal: SessionPrincipal });
export type SessionCreated = z.infer<typeof SessionCreated>;

export const SignedOut = z.object({ signedOut: z.literal(true) });

export const Me = z.object({
  principal: SessionPrincipal,
  /** the session signed in with; null for a host calling with a host token */
  session: z.object({ id: Id, expiresAt: Instant }).nullable(),
  /** a visitor: the site's notice, the version they accepted (null: none of the current ones) */
  privacyNotice: PrivacyNotice.extend({ acceptedVersion: PrivacyNoticeVersion.nullable() }).optional(),
});
export type Me = z.infer<typeof Me>;

/** A visitor's own booking with its status in the applicant's words (seed 004: 已发起 / 已确认 / 已取消 …). */
export const MyBooking = Booking.extend({
  statusLabel: z.object({ 'zh-CN': z.string(), en: z.string() }),
  /** may the visitor still edit (resubmit) it: pending or returned */
  editable: z.boolean(),
});
export type MyBooking = z.infer<typeof MyBooking>;

export const MyBookingList = z.object({ bookings: z.array(MyBooking) });
export const MyBookingListQuery = z.object({ status: BookingStatus.optional() });

/** Finding one's pass without an account (seed 003): the phone and the code just sent to it. */
export const PassFindRequest = z.object({ siteId: Id, phone: Phone, code: SignInCode }).strict();
export type PassFindRequest = z.input<typeof PassFindRequest>;

/** Today's approved bookings of the phone at the site, each with its pass. */
export const FoundPasses = z.object({ passes: z.array(z.object({ booking: MyBooking, pass: IssuedPass })) });
export type FoundPasses = z.infer<typeof FoundPasses>;
