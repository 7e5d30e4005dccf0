/**
 * The visit part of a kiosk's policy (issue 11 item 2): early arrival, who approves a walk-in and what happens
 * offline, how long a walk-in's pass is valid and what a printed pass shows, the texts a visitor reads (notice,
 * privacy, face consent, commitment 承诺书: zh-CN and en each) and the site's lists (visit types, reasons, areas).
 * One block of PolicyValues (src/shared/domain.ts), layered like every policy key (src/shared/policy.ts); each
 * default is what the kiosk did before these keys existed. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { CONTROL_OR_BIDI, FreeText } from './plainText';

/** Check-in opens (and a pass becomes valid) this many minutes before the visit window; the seed rule: 0. */
export const DEFAULT_EARLY_ARRIVAL_MINUTES = 0;

/**
 * Who approves a walk-in: `desk` (the desk's confirmation is the approval, the pass at once) or `host` (the host
 * approves; the kiosk waits for the decision).
 */
export const WalkInApproval = z.enum(['desk', 'host']);
export type WalkInApproval = z.infer<typeof WalkInApproval>;
/** What a `host` site does while the kiosk cannot reach the cloud: the desk approves, or the walk-in is refused. */
export const WalkInOfflineFallback = z.enum(['desk', 'refuse']);
export type WalkInOfflineFallback = z.infer<typeof WalkInOfflineFallback>;

/** A site-managed list entry (visit type, reason, area): a label people pick. */
export const ListLabel = FreeText(40).min(1);

/** A site list: labels once each. */
const SiteList = (max: number) =>
  z
    .array(ListLabel)
    .max(max)
    .refine((l) => new Set(l).size === l.length, { error: 'list: each entry once' });

/** Control and format characters other than the line feed (a text may have lines; CR LF is stored as LF). */
const CONTROL_BUT_LF = new RegExp(`(?!\\n)${CONTROL_OR_BIDI.source}`, 'u');

/** A text the site shows visitors: at most `max` characters, lines allowed, no other control or bidi character. */
export const PolicyText = (max: number) =>
  z
    .string()
    .overwrite((s) => s.replace(/\r\n?/g, '\n').trim())
    .max(max)
    .refine((s) => !CONTROL_BUT_LF.test(s), { error: 'text: no control or bidirectional-override characters (line breaks are fine)' });

/** The longest policy text (a commitment, 承诺书, is the longest the seeds show). */
export const POLICY_TEXT_MAX = 2000;

/** A text in both kiosk languages; empty: the kiosk's own (built-in) text, or none. */
export const BilingualText = z.object({ 'zh-CN': PolicyText(POLICY_TEXT_MAX), en: PolicyText(POLICY_TEXT_MAX) }).strict();
export type BilingualText = z.infer<typeof BilingualText>;

/** What a printed pass shows besides the visitor's masked name, party size, validity and QR code. */
export const PassShows = z
  .object({
    /** the host's name (被访人) */
    hostName: z.boolean(),
    /** the visitor's unit (单位) */
    company: z.boolean(),
    /** the vehicle plate */
    plate: z.boolean(),
    /** the reason of the visit (事由) */
    reason: z.boolean(),
  })
  .strict();
export type PassShows = z.infer<typeof PassShows>;

export const VisitPolicyValues = z
  .object({
    /** a booked visitor may check in (and the pass is valid) this many minutes before the window */
    earlyArrivalMinutes: z.number().int().min(0).max(240),
    walkInApproval: WalkInApproval,
    walkInOfflineFallback: WalkInOfflineFallback,
    /** a walk-in's pass is valid this many hours from its start; 0: until the end of the site's day */
    walkInPassHours: z.number().int().min(0).max(72),
    passShows: PassShows,
    /** shown on the walk-in form above everything (须知); empty: none */
    noticeText: BilingualText,
    /** how the visitor's data is used, on the walk-in form; empty: none */
    privacyText: BilingualText,
    /** the face photo's consent text; empty: the kiosk's own (version face-consent-1) */
    faceConsentText: BilingualText,
    /** the commitment (承诺书, seed 000) read before registering; empty: none */
    commitmentText: BilingualText,
    visitTypes: SiteList(50),
    visitReasons: SiteList(100),
    areas: SiteList(100),
  })
  .strict();
export type VisitPolicyValues = z.infer<typeof VisitPolicyValues>;

const NO_TEXT: BilingualText = { 'zh-CN': '', en: '' };

export const VISIT_POLICY_DEFAULTS: Readonly<VisitPolicyValues> = {
  earlyArrivalMinutes: DEFAULT_EARLY_ARRIVAL_MINUTES,
  walkInApproval: 'desk',
  walkInOfflineFallback: 'desk',
  walkInPassHours: 0,
  passShows: { hostName: true, company: false, plate: false, reason: false },
  noticeText: NO_TEXT,
  privacyText: NO_TEXT,
  faceConsentText: NO_TEXT,
  commitmentText: NO_TEXT,
  visitTypes: ['商务洽谈', '面试', '送货', '维修', '参观', '其他'],
  visitReasons: [],
  areas: [],
};

/** The visit policy in effect in a kiosk's settings (`visitPolicy`; a key absent: its default). */
export function visitPolicyIn(settings: { visitPolicy?: Partial<VisitPolicyValues> | undefined } | null | undefined): VisitPolicyValues {
  return { ...VISIT_POLICY_DEFAULTS, ...settings?.visitPolicy };
}

/** The built-in face consent text's version (src/renderer/features/face/messages.ts). */
export const BUILT_IN_FACE_CONSENT_VERSION = 'face-consent-1';

/** FNV-1a, 32 bits, of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The version recorded with a face consent shown in `language`: the built-in text's, or one named by the policy's
 * text itself, so a changed text is a new version without anyone having to remember to name one.
 */
export function faceConsentVersionOf(text: BilingualText, language: 'zh-CN' | 'en'): string {
  const shown = text[language];
  return shown === '' ? BUILT_IN_FACE_CONSENT_VERSION : `face-consent-p${fnv1a(`${language}\u0000${shown}`)}`;
}

/**
 * The version of a site's privacy notice as shown in `language` (issue 13 item 2): named by the text itself, as the
 * face consent's is, so a changed notice is a new version that visitors accept again.
 */
export function privacyNoticeVersionOf(text: BilingualText, language: 'zh-CN' | 'en'): string {
  return `privacy-p${fnv1a(`${language}\u0000${text[language]}`)}`;
}

/** The policy text in a language, undefined when the site set none (the kiosk's own, or nothing, then). */
export function policyTextIn(text: BilingualText, language: 'zh-CN' | 'en'): string | undefined {
  const t = text[language];
  return t === '' ? undefined : t;
}
