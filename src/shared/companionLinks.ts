/**
 * Companion links (转发同伴填写, issue 13 item 2, seed 004 1.7): the applicant of a booking sends one companion a link;
 * the companion opens it without an account and fills in their own name, phone and ID, which makes a sub-bill under
 * the booking. One person per link; open until the booking's window end or 24 h, whichever first, until the applicant
 * revokes it, or until it is used once.
 */
import { z } from 'zod';
import { BookingCode, BookingStatus, IdNumberText, IdType, Instant, Language, PersonName, Phone } from './domain';

/** How long a link stays open at most (the booking's window may end sooner). */
export const COMPANION_LINK_HOURS = 24;

/** 待填写 until used (已填写), or it expires or its applicant revokes it (已失效). */
export const CompanionLinkStatus = z.enum(['open', 'used', 'expired', 'revoked']);
export type CompanionLinkStatus = z.infer<typeof CompanionLinkStatus>;

const Label = z.object({ 'zh-CN': z.string(), en: z.string() }) satisfies z.ZodType<Record<Language, string>>;
type Label = z.infer<typeof Label>;

const LINK_LABELS: Record<CompanionLinkStatus, Label> = {
  open: { 'zh-CN': '待填写', en: 'Waiting for the companion' },
  used: { 'zh-CN': '已填写', en: 'Filled in' },
  expired: { 'zh-CN': '已失效', en: 'Expired' },
  revoked: { 'zh-CN': '已撤销', en: 'Revoked' },
};
export const companionLinkStatusLabel = (status: CompanionLinkStatus): Label => LINK_LABELS[status];

/** The sub-bill a companion's details made, as the applicant sees it: the name masked, its status in their words. */
export const LinkedCompanion = z.object({
  bookingId: z.string(),
  nameMasked: z.string(),
  status: BookingStatus,
  statusLabel: Label,
});
export type LinkedCompanion = z.infer<typeof LinkedCompanion>;

/** A link as the booking's applicant sees it (the token only when it is made). */
export const CompanionLink = z.object({
  id: z.string(),
  bookingId: z.string(),
  status: CompanionLinkStatus,
  statusLabel: Label,
  expiresAt: Instant,
  createdAt: Instant,
  companion: LinkedCompanion.optional(),
});
export type CompanionLink = z.infer<typeof CompanionLink>;

export const CompanionLinkCreated = CompanionLink.extend({
  /** the link's secret: shown only now (stored as its SHA-256) */
  token: z.string(),
  /** the web app's page for the companion */
  link: z.string(),
  /** what the QR code holds: the link, absolute */
  qrPayload: z.string(),
});
export type CompanionLinkCreated = z.infer<typeof CompanionLinkCreated>;

export const CompanionLinkList = z.object({
  links: z.array(CompanionLink),
  /** how many more companions the booking may take (the site's limit less those named, filled in or waiting) */
  remaining: z.number().int(),
});
export type CompanionLinkList = z.infer<typeof CompanionLinkList>;

/** What the companion sees before filling in: where, whom (masked), when, and what to give; nothing else. */
export const PublicCompanionLink = z.object({
  siteName: z.string(),
  hostNameMasked: z.string(),
  applicantNameMasked: z.string(),
  windowStart: Instant,
  windowEnd: Instant,
  expiresAt: Instant,
  /** the fields to fill in, all required */
  fields: z.array(z.enum(['name', 'phone', 'idType', 'idNumber'])),
});
export type PublicCompanionLink = z.infer<typeof PublicCompanionLink>;

/** The companion's own details: everything required (they are the one who knows them). */
export const CompanionFill = z.object({ name: PersonName, phone: Phone, idType: IdType, idNumber: IdNumberText }).strict();
export type CompanionFill = z.input<typeof CompanionFill>;

export const CompanionFillReceipt = z.object({
  /** the companion's own booking code (their sub-bill's): at the desk, or signed in with their phone for their pass */
  code: BookingCode,
  status: BookingStatus,
  statusLabel: Label,
  windowStart: Instant,
  windowEnd: Instant,
  message: z.string(),
});
export type CompanionFillReceipt = z.infer<typeof CompanionFillReceipt>;
