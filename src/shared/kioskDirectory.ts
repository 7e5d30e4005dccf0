/**
 * What a kiosk looks up online while registering a walk-in (issue 9, seed 004 "访客机 / 普通访客"): a person's last
 * visit at its site, today's visitors of its site, the host directory, and the host's decision on a walk-in it waits
 * for. Every answer is masked (src/shared/mask.ts): names, phones and ID numbers of visitors as a person may see them.
 */
import { z } from 'zod';
import { BookingCode, BookingSource, Id, IdType, Instant, KioskBookingStatus } from './domain';

/** A blacklist key (src/shared/blacklistKey.ts): SHA-256 hex of the normalised ID or phone number. */
export const PersonKey = z.string().regex(/^[0-9a-f]{64}$/, 'a key: SHA-256 hex (64 lower-case hex digits) of the normalised number');

export const LastVisitQuery = z
  .object({
    /** the key of the person's ID number: tried first */
    idKey: PersonKey.optional(),
    /** the key of the person's phone number: tried when the ID key finds nothing */
    phoneKey: PersonKey.optional(),
  })
  .refine((q) => q.idKey !== undefined || q.phoneKey !== undefined, { error: 'idKey or phoneKey is required' });
export type LastVisitQuery = z.infer<typeof LastVisitQuery>;

/** The host of a visit, as the desk copies it into the form. */
export const VisitHost = z.object({ id: Id, name: z.string(), department: z.string() });

/** One visit at the site, masked: what the desk may copy into a new registration. */
export const VisitRecord = z.object({
  bookingId: Id,
  code: BookingCode,
  source: BookingSource,
  status: KioskBookingStatus,
  /** a companion's visit: the main bill's booking */
  mainBookingId: Id.optional(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  idType: IdType,
  idNumberMasked: z.string().optional(),
  company: z.string().optional(),
  title: z.string().optional(),
  host: VisitHost,
  reason: z.string(),
  visitType: z.string().optional(),
  area: z.string().optional(),
  plate: z.string().optional(),
  windowStart: Instant,
  windowEnd: Instant,
  /** when: the arrival, else the registration */
  at: Instant,
  /** today's list: a visit whose window spans several site days (src/shared/visitDays.ts) */
  multiDay: z.literal(true).optional(),
  /** today's list: where the visitor stands today (in after an entry today, out after an exit, none: not come today yet) */
  todayState: z.enum(['in', 'out', 'none']).optional(),
  /** today's list: today's entries and exits, oldest first (the arrival, the passages, the sign-out) */
  passagesToday: z.array(z.object({ direction: z.enum(['entry', 'exit']), at: Instant })).optional(),
  /** left by the end-of-window sweep, no exit recorded (未登记离开) */
  exitUnrecorded: z.literal(true).optional(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

export const TodayVisitsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(100) });
export const TodayVisits = z.object({
  /** the site's calendar day (src/shared/siteDay.ts) */
  date: z.iso.date(),
  /** walk-ins registered and visitors arrived today, newest first */
  visits: z.array(VisitRecord),
});
export type TodayVisits = z.infer<typeof TodayVisits>;

export const HostSearchQuery = z.object({
  /** a phone number (exact, any spelling: 138 0013 8000, +86…) or at least 2 characters of a name */
  q: z.string().trim().min(1).max(40),
});

/** A host as the desk sees it: no full phone number. Without visit permission the desk shows 无此受访人. */
export const KioskHostEntry = z.object({
  id: Id,
  name: z.string(),
  department: z.string(),
  office: z.string().optional(),
  phoneMasked: z.string(),
  canReceiveVisitors: z.boolean(),
});
export type KioskHostEntry = z.infer<typeof KioskHostEntry>;
export const HostSearchResult = z.object({ hosts: z.array(KioskHostEntry) });
export type HostSearchResult = z.infer<typeof HostSearchResult>;

/** The most a kiosk waits on one request for a host's decision. */
export const MAX_DECISION_WAIT_SECONDS = 25;
export const DecisionWaitQuery = z.object({
  /** 0: answer at once; else wait up to this long for the booking to leave pending (or change) */
  waitSeconds: z.coerce.number().int().min(0).max(MAX_DECISION_WAIT_SECONDS).default(0),
});

/** Where a walk-in waiting for its host stands. */
export const WalkInDecision = z.object({
  bookingId: Id,
  code: BookingCode,
  status: KioskBookingStatus,
  /** false while the host has not decided (status pending) */
  decided: z.boolean(),
  decisionReason: z.string().optional(),
  hostNameMasked: z.string(),
  updatedAt: Instant,
  /** the companions' sub-bills: they follow the main bill */
  subBookings: z.array(z.object({ id: Id, code: BookingCode, status: KioskBookingStatus })),
});
export type WalkInDecision = z.infer<typeof WalkInDecision>;
