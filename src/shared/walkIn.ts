/**
 * Walk-in registration (普通访客登记, seed 004 "访客机 / 普通访客"): the rules the kiosk's form and the cloud's
 * `registerWalkIn` command share. A person's ID number is checked by its type's own rule, a vehicle plate by the
 * Chinese formats (new-energy included), a visit window by the site's limits; the kiosk and the cloud both parse with
 * these schemas, so a registration the kiosk accepts is one the cloud accepts.
 */
import { z } from 'zod';
import { BodyTemperatureC, FreeText, Id, IdNumberText, IdType, Instant, PersonName, Phone, Uuid } from './domain';
import { checkIdNumber, idCheckCharacter, normalizeIdNumber } from './idNumber';
import { ListLabel, WalkInApproval, WalkInOfflineFallback } from './visitPolicy';

// ---- ID numbers by type -------------------------------------------------------------------------------

/** Why an ID number is not one of its type (a message key: `idNumber.<problem>`), or null when it is. */
export type IdNumberRuleProblem = 'format' | 'birth_date' | 'check_digit';

/** 18 characters ending in the GB 11643 check character of the first 17. */
const hasGb11643CheckDigit = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && idCheckCharacter(id.slice(0, 17)) === id[17];

/**
 * The ID number rule of each ID type:
 * - resident_id (居民身份证): GB 11643, 18 characters, a real birth date, the check character;
 * - hkmo_tw_permit (港澳台居民居住证): the same layout with the address code 810000 / 820000 / 830000;
 * - foreign_permanent (外国人永久居留身份证): the 2023 layout, 18 characters starting with 9 and the GB 11643 check
 *   character, or the 2017 layout: 3 letters and 12 digits (15 characters);
 * - passport: 5 to 17 letters and digits (ICAO 9303 allows up to 9 in the MRZ; some countries print longer);
 * - other: 4 to 32 letters and digits.
 */
export function checkIdNumberOfType(idType: IdType, raw: string): IdNumberRuleProblem | null {
  const id = normalizeIdNumber(raw);
  switch (idType) {
    case 'resident_id':
      return checkIdNumber(id);
    case 'hkmo_tw_permit':
      if (!/^8[123]0000\d{11}[\dX]$/.test(id)) return 'format';
      return checkIdNumber(id);
    case 'foreign_permanent':
      if (/^[A-Z]{3}\d{12}$/.test(id)) return null;
      if (!/^9\d{16}[\dX]$/.test(id)) return 'format';
      return hasGb11643CheckDigit(id) ? null : 'check_digit';
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(id) ? null : 'format';
    case 'other':
      return /^[A-Z0-9]{4,32}$/.test(id) ? null : 'format';
  }
}

// ---- vehicle plates -----------------------------------------------------------------------------------

/** The provinces' abbreviations a mainland plate starts with (also the on-screen plate keyboard's first keys). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** letters of a plate: no I or O (they read as 1 and 0) */
const L = 'A-HJ-NP-Z';
/**
 * A mainland plate (GA 36): province, issuing letter, then
 * - ordinary: five letters/digits, the last may be 挂 学 警 港 澳 (trailer, driving school, police, cross-border);
 * - new energy, small: D or F, a letter or digit, four digits (粤BD12345);
 * - new energy, large: five digits, then D or F (粤B12345D);
 * or an embassy / consulate plate: 使 + six digits, or six characters ending in 领.
 */
export const PLATE_PATTERN = new RegExp(
  `^(?:[${PLATE_PROVINCES}][${L}](?:[${L}0-9]{4}[${L}0-9挂学警港澳]|[DF][${L}0-9]\\d{4}|\\d{5}[DF])|使\\d{6}|[${PLATE_PROVINCES}]\\d{4}领)$`,
  'u',
);

/** How a plate is compared and stored: no spaces, dots or middle dots, upper case (粤 b·12345 → 粤B12345). */
export const normalizePlate = (plate: string): string => plate.replace(/[\s\u3000.·・•-]+/gu, '').toUpperCase();

export const PlateNumber = z
  .string()
  .overwrite(normalizePlate)
  .regex(PLATE_PATTERN, 'plate: a mainland vehicle plate such as 粤B12345 or 粤BD12345 (new energy)');
export type PlateNumber = z.infer<typeof PlateNumber>;

// ---- people -------------------------------------------------------------------------------------------

export const Sex = z.enum(['male', 'female', 'unknown']);
export type Sex = z.infer<typeof Sex>;

/**
 * A person registered at the desk, lead visitor or companion. What the ID card gives beyond the number (sex,
 * nation, birth date) travels when it was read; the card's address stays on the kiosk (not needed for a visit).
 */
const PersonFields = z.object({
  name: PersonName,
  phone: Phone.optional(),
  idType: IdType,
  idNumber: IdNumberText.optional(),
  company: FreeText(80).optional(),
  /** 职务 */
  title: FreeText(40).optional(),
  sex: Sex.optional(),
  nation: FreeText(20).optional(),
  birthDate: z.iso.date().optional(),
  /** where the identity came from: the ID card reader, or typed by staff */
  idSource: z.enum(['card', 'typed']).default('typed'),
});

function checkPersonId(person: { idType: IdType; idNumber?: string | undefined }, ctx: z.RefinementCtx): void {
  if (person.idNumber === undefined) return;
  const problem = checkIdNumberOfType(person.idType, person.idNumber);
  if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: `idNumber: not a valid ${person.idType} number (${problem})` });
}

export const WalkInPerson = PersonFields.superRefine(checkPersonId);
export type WalkInPerson = z.infer<typeof WalkInPerson>;

/** The lead visitor: a phone number is required (the host is told, the pass can be looked up by it). */
export const WalkInLead = PersonFields.extend({ phone: Phone }).superRefine(checkPersonId);
export type WalkInLead = z.infer<typeof WalkInLead>;

// ---- site policy for walk-ins -------------------------------------------------------------------------

export { ListLabel, WalkInApproval, WalkInOfflineFallback };

/** The walk-in settings of a site outside its policy (src/shared/visitPolicy.ts holds approval, lists, early arrival). */
export const WALK_IN_DEFAULTS = {
  freeTextReason: true,
} as const;

/**
 * The walk-in part of a site's settings (cloud: site settings; kiosk: pulled with CloudKioskSettings): older than
 * policy layers, its values stand in the site's policy layer for the keys that layer does not set (legacyPolicyValues).
 */
export const WalkInPolicy = z.object({
  walkInApproval: WalkInApproval.optional(),
  walkInOfflineFallback: WalkInOfflineFallback.optional(),
  earlyArrivalMinutes: z.number().int().min(0).max(240).optional(),
  visitTypes: z.array(ListLabel).max(50).optional(),
  visitReasons: z.array(ListLabel).max(100).optional(),
  areas: z.array(ListLabel).max(100).optional(),
  /** a reason typed freely is allowed (else only the site's reasons) */
  freeTextReason: z.boolean().optional(),
});
export type WalkInPolicy = z.infer<typeof WalkInPolicy>;

// ---- the registration (kiosk → cloud command payload) ---------------------------------------------------

/** One companion: a sub-bill of the walk-in with its own booking, visit and pass. */
export const WalkInCompanion = z.object({
  bookingId: Id,
  person: WalkInPerson,
  /** present when the desk approved: the companion's visit and pass */
  visitId: Uuid.optional(),
  passId: z.string().min(1).max(64).optional(),
  temperatureC: BodyTemperatureC.optional(),
});
export type WalkInCompanion = z.infer<typeof WalkInCompanion>;

/**
 * A walk-in registered at a kiosk (command `registerWalkIn`, idempotent by its command id): the main bill (the lead
 * visitor's booking, source `walk_in`), a sub-bill per companion and, when the desk approved, the arrivals.
 * With `approval: 'host'` the bookings are pending and have no visit: the kiosk checks them in (a `checkin` command)
 * once the host approved.
 */
export const WalkInRegistration = z
  .object({
    /** kiosk-made ids: the main bill's booking id and 8-character code (the cloud keeps them unless taken) */
    bookingId: Id,
    code: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, 'booking code: 8 characters'),
    hostId: Id,
    visitor: WalkInLead,
    companions: z.array(WalkInCompanion).max(50),
    visitType: ListLabel.optional(),
    reason: FreeText(200).min(1),
    area: FreeText(80).optional(),
    windowStart: Instant,
    windowEnd: Instant,
    remarks: FreeText(200).optional(),
    plate: PlateNumber.optional(),
    belongings: FreeText(200).optional(),
    temperatureC: BodyTemperatureC.optional(),
    /** an abnormal temperature let through by staff, and why */
    temperatureOverride: z.object({ reason: FreeText(200).min(1) }).optional(),
    /** who approved: the desk, the host (pending until they decide), or the desk because the cloud was unreachable */
    approval: z.enum(['desk', 'host', 'desk_offline_fallback']),
    /** the lead's visit and pass when the desk approved */
    visitId: Uuid.optional(),
    passId: z.string().min(1).max(64).optional(),
  })
  .superRefine((r, ctx) => {
    if (Date.parse(r.windowEnd) <= Date.parse(r.windowStart)) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'windowEnd: after windowStart' });
    const arrives = r.approval !== 'host';
    const people = [
      { path: [] as (string | number)[], visitId: r.visitId, passId: r.passId },
      ...r.companions.map((c, i) => ({ path: ['companions', i], ...c })),
    ];
    for (const p of people) {
      if (arrives && (p.visitId === undefined || p.passId === undefined))
        ctx.addIssue({ code: 'custom', path: [...p.path, 'visitId'], message: 'visitId and passId: required when the desk approves' });
      if (!arrives && (p.visitId !== undefined || p.passId !== undefined))
        ctx.addIssue({ code: 'custom', path: [...p.path, 'visitId'], message: 'visitId and passId: only when the desk approves' });
    }
    const ids = [r.bookingId, ...r.companions.map((c) => c.bookingId)];
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['companions'], message: 'bookingId: one per person' });
    const visits = people.flatMap((p) => (p.visitId !== undefined ? [p.visitId] : []));
    if (new Set(visits).size !== visits.length) ctx.addIssue({ code: 'custom', path: ['companions'], message: 'visitId: one per person' });
  });
export type WalkInRegistration = z.infer<typeof WalkInRegistration>;

/**
 * The ids of a registration, all a retried registration reads back from its command: what a sent command keeps of it
 * too (its people's data cleared once the cloud took it, src/main/core/db/outboxKept.ts).
 */
export const WalkInRegistrationIds = z.object({
  bookingId: Id,
  code: z.string(),
  hostId: Id,
  approval: z.enum(['desk', 'host', 'desk_offline_fallback']),
  visitId: Uuid.optional(),
  companions: z.array(z.object({ bookingId: Id, visitId: Uuid.optional() })),
});
