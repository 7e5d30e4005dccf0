/**
 * The cloud's people-facing API (visitors booking, hosts deciding, admins managing): request and reply schemas.
 * Kiosk ↔ cloud sync is in ./sync.
 */
import { z } from 'zod';
import {
  Booking,
  BookingCode,
  BookingSource,
  Companion,
  FreeText,
  Host,
  Id,
  IdNumberText,
  IdType,
  Instant,
  PartySize,
  PersonName,
  Phone,
  VisitorIdentity,
} from './domain';
import { bookingDetailFields } from './bookingDetails';
import { checkIdNumber } from './idNumber';
import { BlacklistLevel } from './sync';

/** What an application holds besides its host and source: its people, reason, area and window (BookingCreate, BookingEdit). */
const applicationFields = {
  visitor: VisitorIdentity,
  companions: z.array(Companion).max(50).default([]),
  groupSize: PartySize.optional(),
  reason: FreeText(200).min(1),
  area: FreeText(80).optional(),
  windowStart: Instant,
  windowEnd: Instant,
  ...bookingDetailFields,
};
const windowEndsAfterStart = (b: { windowStart: string; windowEnd: string }) => Date.parse(b.windowEnd) > Date.parse(b.windowStart);

export const BookingCreate = z
  .object({
    source: BookingSource.default('self'),
    /** the host, by id (staff, invitations) or by phone (a visitor booking: "无此受访人" when not found); an official visit names its department instead */
    hostId: Id.optional(),
    hostPhone: Phone.optional(),
    /** staff only: other hosts of the site the booking is copied to (抄送; their inbox's 抄送我) */
    ccHostIds: z.array(Id).max(10).optional(),
    ...applicationFields,
  })
  .refine((b) => b.hostId !== undefined || b.hostPhone !== undefined || (b.visitKind === 'official' && b.departmentId !== undefined), {
    error: 'hostId or hostPhone is required (an official visit: departmentId)',
  })
  .refine((b) => b.visitKind !== 'official' || b.departmentId !== undefined, {
    error: 'an official visit names its department (departmentId)',
    path: ['departmentId'],
  })
  .refine(windowEndsAfterStart, { error: 'windowEnd must be after windowStart' });
export type BookingCreate = z.input<typeof BookingCreate>;

/**
 * An amended application (issue 13, seeds 000 and 001): the people, the reason and the window, in full; the host and
 * the source stay. Allowed while the booking is pending or returned; it becomes pending again for its host to decide.
 */
export const BookingEdit = z.object(applicationFields).refine(windowEndsAfterStart, { error: 'windowEnd must be after windowStart' });
export type BookingEdit = z.input<typeof BookingEdit>;

/**
 * The reply to an anonymous booking (202): the application was received and waits for its host. It is the same
 * whether or not the named host exists or may receive visitors, so it tells an anonymous caller nothing about the
 * directory; an application to no such host is recorded (audit log) and never becomes a booking.
 */
export const BookingReceipt = z.object({
  received: z.literal(true),
  /** the booking code to quote at the desk once the host has approved */
  code: BookingCode,
  status: z.literal('pending'),
  windowStart: Instant,
  windowEnd: Instant,
  message: z.string(),
});
export type BookingReceipt = z.infer<typeof BookingReceipt>;

export const Decision = z.object({
  action: z.enum(['approve', 'reject', 'return']),
  reason: FreeText(200).optional(),
});
export type Decision = z.infer<typeof Decision>;

export const BookingList = z.object({ bookings: z.array(Booking) });

export const HostCreate = z.object({
  name: PersonName,
  phone: Phone,
  department: FreeText(80).default(''),
  /** office room number (受访人办公室号), shown to the desk */
  office: FreeText(40).min(1).optional(),
  canReceiveVisitors: z.boolean().default(true),
  siteId: Id.optional(),
});
export type HostCreate = z.input<typeof HostCreate>;
export const HostList = z.object({ hosts: z.array(Host) });

/** A host disabled: how many of their tokens and sessions were ended. */
export const HostDisabled = z.object({ hostId: Id, tokens: z.number().int(), sessions: z.number().int() });

export const HostToken = z.object({
  hostId: Id,
  token: z.string(),
  /** names this token for revocation (POST /admin/host-tokens/{tokenId}/revoke); not a secret */
  tokenId: z.string().regex(/^[0-9a-f]{16}$/),
});

// ---- cloud administration (added for the walking skeleton) --------------------------------------------
export const SiteCreate = z.object({
  id: Id.optional(),
  name: FreeText(80).min(1),
  timezone: z.string().min(1).max(64).default('Asia/Shanghai'),
});
export type SiteCreate = z.input<typeof SiteCreate>;

/** A kiosk command the cloud could not apply as sent (conflict or rejected), for staff to follow up. */
export const CommandConflict = z.object({
  commandId: z.string(),
  kioskId: Id,
  kioskName: z.string(),
  kind: z.string(),
  bookingId: z.string().optional(),
  status: z.enum(['conflict', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  at: Instant,
  receivedAt: Instant,
});
export type CommandConflict = z.infer<typeof CommandConflict>;
export const ConflictList = z.object({ conflicts: z.array(CommandConflict) });

/**
 * A blacklist entry as an admin enters it. The cloud stores and syncs only the blacklist keys (src/shared/blacklistKey.ts:
 * SHA-256 hex of the normalised ID number and phone), never the numbers. A resident ID number (the default idType) must be
 * a valid GB 11643 number: a mistyped one would be stored and silently never match anybody.
 */
export const BlacklistCreate = z
  .object({
    siteId: Id.optional(),
    name: PersonName.optional(),
    idType: IdType.default('resident_id'),
    idNumber: IdNumberText.optional(),
    phone: Phone.optional(),
    reason: FreeText(200).min(1),
    /** refuse (default): the person is not let in; warn: the desk is warned and may go on */
    level: BlacklistLevel.default('refuse'),
    /** from this instant on the entry no longer matches and leaves the kiosks' lists; absent: never */
    expiresAt: Instant.optional(),
  })
  .refine((b) => b.idNumber !== undefined || b.phone !== undefined || b.name !== undefined, { error: 'idNumber, phone or name is required' })
  .superRefine((b, ctx) => {
    if (b.idType !== 'resident_id' || b.idNumber === undefined) return;
    const problem = checkIdNumber(b.idNumber);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `idNumber: not a valid resident ID number (${problem})` });
  });
export type BlacklistCreate = z.input<typeof BlacklistCreate>;
