/**
 * People and places for site administrators (issue 14 item 2): the host directory as an administrator sees it (phone
 * masked), its search, edits and CSV import, a site's departments, and a site's visitor-facing texts (public).
 */
import { z } from 'zod';
import { BilingualText } from './visitPolicy';
import { FreeText, Id, Instant, PersonName, Phone } from './domain';

/** One host in the admin's list: the phone only masked. */
export const HostAdminView = z.object({
  id: Id,
  siteId: Id,
  name: z.string(),
  phoneMasked: z.string(),
  department: z.string(),
  office: z.string().optional(),
  canReceiveVisitors: z.boolean(),
  updatedAt: Instant,
});
export type HostAdminView = z.infer<typeof HostAdminView>;

/** The admin's host search: every filter optional, all given must hold. */
export const HostSearch = z.object({
  siteId: Id.optional(),
  /** the start of the name */
  name: FreeText(40).optional(),
  department: FreeText(80).optional(),
  /** a whole phone number, or the visible digits of a masked one (its first 3 or last 4) */
  phone: z
    .string()
    .regex(/^\+?\d{3,15}$/, 'phone: digits (a whole number, or its first 3 / last 4)')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type HostSearch = z.input<typeof HostSearch>;

export const HostAdminList = z.object({ hosts: z.array(HostAdminView) });
export type HostAdminList = z.infer<typeof HostAdminList>;

/** An edit: what is given changes; office null clears it. */
export const HostUpdate = z
  .object({
    name: PersonName.optional(),
    phone: Phone.optional(),
    department: FreeText(80).optional(),
    office: FreeText(40).min(1).nullable().optional(),
    canReceiveVisitors: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { error: 'nothing to change' });
export type HostUpdate = z.input<typeof HostUpdate>;

/** The CSV import's largest file (a body beyond it is 413 before it is read). */
export const HOST_IMPORT_MAX_BYTES = 256 * 1024;
/** at most this many lines in one file */
export const HOST_IMPORT_MAX_LINES = 2000;

export const HostImport = z.object({
  siteId: Id.optional(),
  /** the file's text: UTF-8, with or without a byte-order mark; a header line first (see the template) */
  csv: z.string().min(1).max(HOST_IMPORT_MAX_BYTES),
});
export type HostImport = z.input<typeof HostImport>;

/** A line's problem: the file's line number (the header is line 1) and the field. */
export const ImportLineError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export type ImportLineError = z.infer<typeof ImportLineError>;

export const HostImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type HostImportResult = z.infer<typeof HostImportResult>;

export const Department = z.object({ id: Id, siteId: Id, name: z.string() });
export type Department = z.infer<typeof Department>;
export const DepartmentList = z.object({ departments: z.array(Department) });
export type DepartmentList = z.infer<typeof DepartmentList>;
export const DepartmentName = z.object({ siteId: Id.optional(), name: FreeText(80).min(1) });
export type DepartmentName = z.input<typeof DepartmentName>;

/** The texts a visitor reads when applying or signing in (the site policy's; edited with the site's policy). */
export const SiteTexts = z.object({ noticeText: BilingualText, privacyText: BilingualText, commitmentText: BilingualText });
export type SiteTexts = z.infer<typeof SiteTexts>;

/** The import's columns: the header may name them in English or Chinese, in any order. */
export const HOST_IMPORT_COLUMNS = {
  name: ['name', '姓名'],
  phone: ['phone', '手机号', '电话'],
  department: ['department', '部门'],
  office: ['office', '办公室'],
  canReceiveVisitors: ['canreceivevisitors', '可接待'],
} as const;
export type HostImportColumn = keyof typeof HOST_IMPORT_COLUMNS;

/** The template offered for download (UTF-8 with a byte-order mark, so Excel in China opens it). */
export const HOST_IMPORT_TEMPLATE = '\uFEFF姓名,手机号,部门,办公室,可接待\r\n张三,13800000000,行政部,A-301,是\r\n';
