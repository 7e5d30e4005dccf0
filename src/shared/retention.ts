/**
 * Retention and a person's data (issue 14 §6): how many days a site keeps its visits, its registered face photos and its
 * logs, and the contracts of a visitor's data export and deletion on request (PIPL, 个人信息保护法 articles 45 and 47).
 */
import { z } from 'zod';
import { Id, IdNumberText, Phone } from './domain';

/** The defaults of a site that set none: visits half a year, photos a month, logs a year. */
export const DEFAULT_RETENTION = { visitDays: 180, photoDays: 30, logDays: 365 } as const;

/** The days a site may keep each kind for: at least a day, at most ten years. */
export const RETENTION_DAYS_LIMITS = { min: 1, max: 3650 } as const;

const Days = z.number().int().min(RETENTION_DAYS_LIMITS.min).max(RETENTION_DAYS_LIMITS.max);

export const RetentionSettings = z.object({
  /** bookings and walk-ins (with their approvals, entries and exits) ended this many days ago are deleted */
  visitDays: Days,
  /** registered face photos stored this many days ago are deleted */
  photoDays: Days,
  /** the site's audit entries this many days old are deleted */
  logDays: Days,
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** A change of a site's retention: the values given replace those; the others stay. */
export const RetentionUpdate = RetentionSettings.partial().refine((u) => Object.keys(u).length > 0, 'give at least one of visitDays, photoDays, logDays');
export type RetentionUpdate = z.infer<typeof RetentionUpdate>;

/** What one run of the purge job deleted. */
export const PurgeResult = z.object({
  visits: z.number().int(),
  photos: z.number().int(),
  visitors: z.number().int(),
  logs: z.number().int(),
  /** false when another process held the job: this run did nothing */
  ran: z.boolean(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

/** A person named by their phone or ID number (either or both); matched by the hash of each, never stored. */
export const PersonLookup = z
  .object({
    phone: Phone.optional(),
    idNumber: IdNumberText.optional(),
    /** only this site's data; default every site */
    siteId: Id.optional(),
  })
  .refine((p) => p.phone !== undefined || p.idNumber !== undefined, 'give the person’s phone or ID number');
export type PersonLookup = z.infer<typeof PersonLookup>;

export const PersonDelete = z
  .object({
    phone: Phone.optional(),
    idNumber: IdNumberText.optional(),
    siteId: Id.optional(),
    /** blacklist entries on the person's numbers: kept by default (a refusal the site may have to keep), or deleted too */
    blacklist: z.enum(['keep', 'delete']).default('keep'),
  })
  .refine((p) => p.phone !== undefined || p.idNumber !== undefined, 'give the person’s phone or ID number');
export type PersonDelete = z.infer<typeof PersonDelete>;

const Row = z.record(z.string(), z.unknown());

/** Everything the cloud holds about one person, as stored (a photo as base64 JPEG). */
export const PersonDataExport = z.object({
  exportedAt: z.string(),
  /** the person as asked for, masked */
  person: z.object({ phoneMasked: z.string().optional(), idNumberMasked: z.string().optional() }),
  /** the visitor library's entries (per site) */
  visitors: z.array(Row),
  photos: z.array(Row),
  /** bookings and walk-ins in which the person is the visitor */
  bookings: z.array(Row),
  /** bookings of others the person came along to, with the person's companion entry */
  companionOf: z.array(z.object({ bookingId: z.string(), siteId: z.string(), companion: Row })),
  approvals: z.array(Row),
  passages: z.array(Row),
  blacklist: z.array(Row),
});
export type PersonDataExport = z.infer<typeof PersonDataExport>;

/** What a deletion removed (counts). */
export const PersonDeleteResult = z.object({
  visitors: z.number().int(),
  photos: z.number().int(),
  bookings: z.number().int(),
  companionEntries: z.number().int(),
  approvals: z.number().int(),
  passages: z.number().int(),
  commands: z.number().int(),
  blacklist: z.number().int(),
  /** blacklist entries on the person's numbers that were kept (blacklist: keep) */
  blacklistKept: z.number().int(),
});
export type PersonDeleteResult = z.infer<typeof PersonDeleteResult>;
