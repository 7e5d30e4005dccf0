/**
 * The privacy and site texts screens' forms as they hold them and back to what the cloud takes: retention days as
 * typed (each checked against the cloud's limits, a wrong one named, nothing sent), a person named by phone or ID
 * number (checked by the cloud's own schemas), what an export holds per kind, and the texts' lengths.
 */
import { IdNumberText, Phone } from '../../../shared/domain';
import type { SiteTexts } from '../../../shared/peopleAdmin';
import { RETENTION_DAYS_LIMITS, RetentionSettings, type PersonDataExport, type PersonLookup } from '../../../shared/retention';
import { POLICY_TEXT_MAX, PolicyText } from '../../../shared/visitPolicy';

export const RETENTION_KEYS = ['visitDays', 'photoDays', 'logDays'] as const;
export type RetentionKey = (typeof RETENTION_KEYS)[number];
export type RetentionDraft = Record<RetentionKey, string>;

export const retentionDraftOf = (s: RetentionSettings): RetentionDraft => ({
  visitDays: String(s.visitDays),
  photoDays: String(s.photoDays),
  logDays: String(s.logDays),
});

/** The settings the draft says, or the keys whose values are not whole days within the limits. */
export function retentionOf(draft: RetentionDraft): { settings: RetentionSettings } | { invalid: RetentionKey[] } {
  const values: Record<string, number> = {};
  const invalid: RetentionKey[] = [];
  for (const key of RETENTION_KEYS) {
    const text = draft[key].trim();
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isInteger(n) && n >= RETENTION_DAYS_LIMITS.min && n <= RETENTION_DAYS_LIMITS.max) values[key] = n;
    else invalid.push(key);
  }
  if (invalid.length > 0) return { invalid };
  return { settings: RetentionSettings.parse(values) };
}

/** The retention keys a cloud refusal (400, its schema's issues) names, e.g. path `body/visitDays`. */
export function retentionKeysRefused(details: unknown): RetentionKey[] {
  if (typeof details !== 'object' || details === null || !('issues' in details) || !Array.isArray(details.issues)) return [];
  const paths = details.issues.map((i: unknown) => (typeof i === 'object' && i !== null && 'path' in i && typeof i.path === 'string' ? i.path : ''));
  return RETENTION_KEYS.filter((key) => paths.some((p) => p.endsWith(`/${key}`)));
}

export type PersonProblem = { field: 'person-phone' | 'person-id'; words: 'personNeedOne' | 'personPhoneInvalid' | 'personIdInvalid' };

/** The lookup the typed numbers make (empty ones left out), or the first problem with them. */
export function personLookupOf(phone: string, idNumber: string, siteId: string): { lookup: PersonLookup } | { problem: PersonProblem } {
  const p = phone.trim();
  const id = idNumber.trim();
  if (p === '' && id === '') return { problem: { field: 'person-phone', words: 'personNeedOne' } };
  const lookup: PersonLookup = { siteId };
  if (p !== '') {
    const parsed = Phone.safeParse(p);
    if (!parsed.success) return { problem: { field: 'person-phone', words: 'personPhoneInvalid' } };
    lookup.phone = parsed.data;
  }
  if (id !== '') {
    const parsed = IdNumberText.safeParse(id);
    if (!parsed.success) return { problem: { field: 'person-id', words: 'personIdInvalid' } };
    lookup.idNumber = parsed.data;
  }
  return { lookup };
}

export const EXPORT_KINDS = ['visitors', 'photos', 'bookings', 'companionOf', 'approvals', 'passages', 'blacklist'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** How many records of each kind an export holds, and in all. */
export function exportCounts(data: PersonDataExport): { counts: Record<ExportKind, number>; total: number } {
  const counts = Object.fromEntries(EXPORT_KINDS.map((k) => [k, data[k].length])) as Record<ExportKind, number>;
  return { counts, total: EXPORT_KINDS.reduce((sum, k) => sum + counts[k], 0) };
}

/** The person as the export names them (masked): phone, ID number or both. */
export const personWords = (data: PersonDataExport): string => [data.person.phoneMasked, data.person.idNumberMasked].filter(Boolean).join(' / ');

export const TEXT_KINDS = ['noticeText', 'privacyText', 'commitmentText'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];
export const TEXT_LANGUAGES = ['zh-CN', 'en'] as const;

const OneText = PolicyText(POLICY_TEXT_MAX);

/** The ids of the text fields (`texts-<kind>-<language>`) the cloud would refuse: too long, or a control character. */
export function textsInvalid(texts: SiteTexts): string[] {
  return TEXT_KINDS.flatMap((kind) => TEXT_LANGUAGES.filter((lang) => !OneText.safeParse(texts[kind][lang]).success).map((lang) => textFieldId(kind, lang)));
}

export const textFieldId = (kind: TextKind, language: (typeof TEXT_LANGUAGES)[number]) => `texts-${kind}-${language}`;
