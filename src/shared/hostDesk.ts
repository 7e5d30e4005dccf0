/**
 * The host's desk (issue 13 item 3, seed 004's 审批中心): the inbox's three boxes (待处理 / 已处理 / 抄送我) and the
 * invitations a host sends (seed 001 方式二, seed 004 访客邀约: a link / QR with a companion limit, an expiry and
 * "needs approval" on or off; 邀请中 / 已失效). What a host sees of a visitor is masked: phone and ID number.
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { bookingDetailFields } from './bookingDetails';
import { BookingCode, BookingSource, BookingStatus, Companion, FreeText, Id, Instant, Language, PartySize, PersonName, VisitorIdentity } from './domain';

/** 待处理: pending or returned bookings of this host; 已处理: those this host decided; 抄送我: those copied to this host. */
export const HostInboxBox = z.enum(['pending', 'handled', 'cc']);
export type HostInboxBox = z.infer<typeof HostInboxBox>;

export const HostInboxQuery = z.object({
  box: HostInboxBox.default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** the nextCursor of the page before */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor: as the page before gave it')
    .optional(),
});

const Label = z.object({ 'zh-CN': z.string(), en: z.string() }) satisfies z.ZodType<Record<Language, string>>;

/** One booking in a host's inbox: the people masked, the status in staff's words. */
export const HostInboxItem = z.object({
  id: Id,
  code: BookingCode,
  hostId: Id,
  source: BookingSource,
  status: BookingStatus,
  statusLabel: Label,
  visitorName: PersonName,
  visitorPhoneMasked: z.string(),
  visitorIdMasked: z.string().optional(),
  company: z.string().optional(),
  companions: z.array(z.object({ name: z.string(), phoneMasked: z.string().optional(), idMasked: z.string().optional() })),
  groupSize: PartySize,
  reason: z.string(),
  area: z.string().optional(),
  windowStart: Instant,
  windowEnd: Instant,
  /** the reason of the last decision (a rejection's or a return's) */
  decisionReason: z.string().optional(),
  createdAt: Instant,
  /** 已处理: when this host last decided it, and how */
  decidedAt: Instant.optional(),
  decision: z.enum(['approve', 'reject', 'return']).optional(),
});
export type HostInboxItem = z.infer<typeof HostInboxItem>;

export const HostInbox = z.object({ box: HostInboxBox, items: z.array(HostInboxItem), nextCursor: z.string().optional() });
export type HostInbox = z.infer<typeof HostInbox>;

// ---- invitations ----------------------------------------------------------------------------------

export const MAX_INVITATION_DATES = 31;
export const MAX_INVITATION_MINUTES = 30 * 24 * 60;
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

export const InvitationCreate = z
  .object({
    /** how many companions the invited visitor may bring (邀请随行人数) */
    companionLimit: z.number().int().min(0).max(50),
    /** the link works this many minutes (邀请有效时长, seed 001: 120) */
    validForMinutes: z.number().int().min(1).max(MAX_INVITATION_MINUTES).default(120),
    /** 需要审核: the booking waits for the host; off: approved at once (seed 004) */
    needsApproval: z.boolean().default(true),
    /** a fixed visit window ... */
    window: z.object({ start: Instant, end: Instant }).optional(),
    /** ... or the site days the visitor may choose from (the visit lasts that whole day) */
    allowedDates: z
      .array(LocalDate)
      .min(1)
      .max(MAX_INVITATION_DATES)
      .refine((d) => new Set(d).size === d.length, 'allowedDates: each date once')
      .optional(),
  })
  .strict()
  .refine((i) => (i.window === undefined) !== (i.allowedDates === undefined), { error: 'give either window or allowedDates' })
  .refine((i) => i.window === undefined || Date.parse(i.window.end) > Date.parse(i.window.start), { error: 'window.end must be after window.start' });
export type InvitationCreate = z.input<typeof InvitationCreate>;

/** 邀请中 until it expires or is revoked (both 已失效), or the invited visitor's booking uses it (已使用). */
export const InvitationStatus = z.enum(['inviting', 'used', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

const INVITATION_LABELS: Record<InvitationStatus, Record<Language, string>> = {
  inviting: { 'zh-CN': '邀请中', en: 'Inviting' },
  used: { 'zh-CN': '已使用', en: 'Used' },
  expired: { 'zh-CN': '已失效', en: 'Expired' },
  revoked: { 'zh-CN': '已失效', en: 'Revoked' },
};
export const invitationStatusLabel = (status: InvitationStatus): Record<Language, string> => INVITATION_LABELS[status];

/** An invitation as its host sees it (the link's token is shown once, when it is made). */
export const Invitation = z.object({
  id: Id,
  hostId: Id,
  status: InvitationStatus,
  statusLabel: Label,
  companionLimit: z.number().int(),
  needsApproval: z.boolean(),
  window: z.object({ start: Instant, end: Instant }).optional(),
  allowedDates: z.array(z.string()).optional(),
  expiresAt: Instant,
  createdAt: Instant,
  revokedAt: Instant.optional(),
  usedAt: Instant.optional(),
  bookingId: Id.optional(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationCreated = Invitation.extend({
  /** the link's secret: shown only now (stored as its SHA-256) */
  token: z.string(),
  /** the web app's page for the invited visitor */
  link: z.string(),
  /** what the QR code holds: the link, absolute */
  qrPayload: z.string(),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationList = z.object({ invitations: z.array(Invitation) });

/** What the invited visitor sees: who invites them, where, and the limits; nothing else. */
export const PublicInvitation = z.object({
  /** the site invited to: its lists (GET /site-lists?siteId=) are what the booking names */
  siteId: Id,
  hostName: z.string(),
  siteName: z.string(),
  companionLimit: z.number().int(),
  /** 需要审核: the booking waits for the host; false: confirmed when submitted */
  needsApproval: z.boolean(),
  expiresAt: Instant,
  window: z.object({ start: Instant, end: Instant }).optional(),
  allowedDates: z.array(z.string()).optional(),
});
export type PublicInvitation = z.infer<typeof PublicInvitation>;

/**
 * The invited visitor's own details and companions (up to the limit), the day chosen when the invitation offers days,
 * and the site's list fields a self-booking carries (identity category, reason, areas, belongings, self-drive with the
 * plate on the visitor, residence): checked as an application's are. The host and the kind of visit are the invitation's.
 */
const { identityCategoryId, reasonId, areaIds, belongingIds, selfDrive, residence } = bookingDetailFields;
export const InvitationBookingCreate = z
  .object({
    visitor: VisitorIdentity,
    companions: z.array(Companion).max(50).default([]),
    reason: FreeText(200).min(1).default('应邀来访'),
    date: LocalDate.optional(),
    identityCategoryId,
    reasonId,
    areaIds,
    belongingIds,
    selfDrive,
    residence,
  })
  .strict();
export type InvitationBookingCreate = z.input<typeof InvitationBookingCreate>;

export const InvitationBookingReceipt = z.object({
  code: BookingCode,
  status: z.enum(['pending', 'approved']),
  windowStart: Instant,
  windowEnd: Instant,
  groupSize: PartySize,
  message: z.string(),
});
export type InvitationBookingReceipt = z.infer<typeof InvitationBookingReceipt>;

// ---- the public host directory (the apply form's host picker) -----------------------------------------

export const HOST_DIRECTORY_LIMIT = 10;

export const HostDirectoryParams = z.object({ siteId: Id });

/** A name's beginning as a visitor types it: 1..20 characters, no LIKE wildcards or markup needed. */
export const HostDirectoryQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q: the first characters of the host’s name')
    .max(20, 'q: at most 20 characters')
    .regex(/^[^<>{}%_\\]+$/, 'q: letters of a name, no < > { } % _ \\'),
});

/** One host a visitor may come to see: a name and a department, never a phone; its id is what a booking's hostId takes. */
export const HostDirectoryEntry = z.object({ id: Id, name: z.string(), department: z.string() });
export type HostDirectoryEntry = z.infer<typeof HostDirectoryEntry>;

export const HostDirectory = z.object({ hosts: z.array(HostDirectoryEntry) });
export type HostDirectory = z.infer<typeof HostDirectory>;
