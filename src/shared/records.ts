/**
 * Records (issue 14 §5): the filters of the visit and booking record lists and their exports, one row of either, and a
 * page of them. Visits are the bookings a visitor arrived on (checked in at a kiosk or registered at its desk), newest
 * entry first; bookings are every booking, latest window first. Paging is by a cursor (keyset), never an offset.
 */
import { z } from 'zod';
import { BookingSource, BookingStatus, FreeText, Id, Instant } from './domain';

const LocalDate = z.iso.date({ error: 'a calendar date YYYY-MM-DD (a day of the site’s time zone)' });

/** A comma-separated list of enum values in a query string (status=arrived,left). */
function csvOf<T extends z.ZodEnum>(item: T) {
  return z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const out: z.infer<T>[] = [];
      for (const p of parts) {
        const r = item.safeParse(p);
        if (!r.success) {
          ctx.addIssue({ code: 'custom', message: `unknown value ${JSON.stringify(p)}; one or more of ${item.options.join(', ')}` });
          return z.NEVER;
        }
        out.push(r.data);
      }
      return out;
    });
}

const filterShape = {
  /** the site; may be left out when there is one site */
  siteId: Id.optional(),
  /** the first and last day (inclusive) of the entry (visits) or of the window's start (bookings), in the site's zone */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  hostId: Id.optional(),
  /** the hosts' department (hosts.department), exact */
  department: FreeText(80).min(1).optional(),
  /** who initiated it: self (a visitor's application), invited, staff, group, walk_in (registered at the desk) */
  source: csvOf(BookingSource).optional(),
  status: csvOf(BookingStatus).optional(),
  area: FreeText(80).min(1).optional(),
  /** the kiosk the visitor arrived at */
  kioskId: Id.optional(),
  /**
   * A name (its beginning: 张 finds 张三), or a phone or ID number, found by the exact match of its hash (never a
   * pattern on numbers).
   */
  keyword: z.string().trim().min(1).max(40).optional(),
};
const rangeInOrder = (f: { from?: string | undefined; to?: string | undefined }): boolean => f.from === undefined || f.to === undefined || f.from <= f.to;
const RANGE_ORDER = { message: 'from must not be after to', path: ['from'] };

export const RecordsFilter = z.object(filterShape).refine(rangeInOrder, RANGE_ORDER);
export type RecordsFilter = z.infer<typeof RecordsFilter>;

export const RECORDS_PAGE_MAX = 200;

export const RecordsQuery = z
  .object({
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(RECORDS_PAGE_MAX).default(50),
    /** the nextCursor of the previous page */
    cursor: z.string().min(1).max(400).optional(),
  })
  .refine(rangeInOrder, RANGE_ORDER);
export type RecordsQuery = z.infer<typeof RecordsQuery>;

/** The most rows one export may hold; a larger one is refused (422 export_too_large) before anything is written. */
export const RECORDS_EXPORT_MAX = 100_000;

export const RecordsExportFormat = z.enum(['csv', 'xlsx']);
export type RecordsExportFormat = z.infer<typeof RecordsExportFormat>;

export const RecordsExportQuery = z
  .object({
    ...filterShape,
    format: RecordsExportFormat.default('csv'),
    /** full ID and phone numbers: administrators only, written to the audit log with the filter */
    unmasked: z.enum(['true', 'false']).default('false'),
  })
  .refine(rangeInOrder, RANGE_ORDER);
export type RecordsExportQuery = z.infer<typeof RecordsExportQuery>;

export const RecordRow = z.object({
  bookingId: Id,
  code: z.string(),
  visitorName: z.string(),
  idType: z.string(),
  /** masked (110***********002X) */
  idNumber: z.string().optional(),
  /** masked (138****5678) */
  phone: z.string(),
  company: z.string().optional(),
  hostId: Id,
  hostName: z.string(),
  department: z.string(),
  source: BookingSource,
  status: BookingStatus,
  area: z.string().optional(),
  reason: z.string(),
  groupSize: z.number().int(),
  windowStart: Instant,
  windowEnd: Instant,
  /** entry: the check-in (or the desk registration) */
  arrivedAt: Instant.optional(),
  /** exit: the check-out */
  leftAt: Instant.optional(),
  /** closed by the end-of-window sweep: no exit was recorded */
  exitUnrecorded: z.boolean(),
  kioskId: Id.optional(),
  kioskName: z.string().optional(),
  /** °C at the desk */
  temperatureC: z.number().optional(),
  /** a face photo of this visit was stored in the visitor library */
  photoTaken: z.boolean(),
  createdAt: Instant,
});
export type RecordRow = z.infer<typeof RecordRow>;

export const RecordPage = z.object({
  rows: z.array(RecordRow),
  /** pass as `cursor` for the next page; absent on the last page */
  nextCursor: z.string().optional(),
});
export type RecordPage = z.infer<typeof RecordPage>;

export type RecordKind = 'visits' | 'bookings';
