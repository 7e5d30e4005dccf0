/**
 * The contract's walk-in feature (普通访客登记, seed 004 "访客机 / 普通访客", issue 9): the form's site lists, a
 * person's last visit at this kiosk, today's visitors, the host directory and the registration itself. People are
 * given either by an ID card the core holds (`cardRef`: the renderer never sees the full number) or typed; what comes
 * back is masked (names, phones, ID numbers).
 */
import { z } from 'zod';
import { BodyTemperatureC, FreeText, Id, IdNumberText, IdType, Instant, PersonName, Phone, plainText, StaffWarning, Uuid, Visit } from '../domain';
import { WalkInErrorCode } from '../errorCodes';
import { FaceConsentInput, FacePhotoView } from '../facePhoto';
import { ListLabel, Sex, WalkInApproval, WalkInOfflineFallback } from '../walkIn';
import { AdminSessionToken } from './admin';
import { IssuedPassView } from './checkin';
import { call, Empty } from './define';

const CardRef = z.string().min(1).max(64);

/** Who a person is: the ID card held under `cardRef`, or typed by staff (the number checked by its type's rule). */
export const WalkInIdentityInput = z.discriminatedUnion('source', [
  z.object({ source: z.literal('card'), cardRef: CardRef }).strict(),
  z
    .object({
      source: z.literal('typed'),
      name: PersonName,
      idType: IdType,
      idNumber: IdNumberText,
      sex: Sex.optional(),
      nation: FreeText(20).optional(),
      birthDate: z.iso.date().optional(),
    })
    .strict(),
]);
export type WalkInIdentityInput = z.infer<typeof WalkInIdentityInput>;

export const WalkInCompanionInput = z
  .object({
    identity: WalkInIdentityInput,
    phone: Phone.optional(),
    company: FreeText(80).optional(),
    title: FreeText(40).optional(),
  })
  .strict();
export type WalkInCompanionInput = z.infer<typeof WalkInCompanionInput>;

/** The lead visitor: a phone typed, or the phone of their last visit here (`reusePhoneOfVisit`, shown masked). */
export const WalkInLeadInput = WalkInCompanionInput.extend({ reusePhoneOfVisit: Uuid.optional() }).strict();
export type WalkInLeadInput = z.infer<typeof WalkInLeadInput>;

export const WalkInRegisterInput = z
  .object({
    /** client-made; repeating a call with the same id returns the same registration */
    registrationId: Uuid.optional(),
    lead: WalkInLeadInput,
    companions: z.array(WalkInCompanionInput).max(50).default([]),
    hostId: Id,
    visitType: ListLabel.optional(),
    reason: FreeText(200).min(1),
    area: FreeText(80).optional(),
    /** default now */
    windowStart: Instant.optional(),
    /** default the end of the site's day */
    windowEnd: Instant.optional(),
    remarks: FreeText(200).optional(),
    selfDrive: z.boolean().default(false),
    /** required when self-driving: a mainland plate (粤B12345, 粤BD12345) */
    plate: plainText(z.string().trim().max(20)).optional(),
    belongings: FreeText(200).optional(),
    temperatureC: BodyTemperatureC.optional(),
    /** an abnormal temperature let through by staff, and why */
    temperatureOverride: z
      .object({ reason: FreeText(200).min(1) })
      .strict()
      .optional(),
    /** the staff saw the `warn` blacklist hits walkin.screen showed them and go on */
    staffAcknowledged: z.boolean().optional(),
    /** the lead's face photo consent (issue 10), recorded with the visit, and the photo when granted and taken */
    face: FaceConsentInput.optional(),
  })
  .strict();
export type WalkInRegisterInput = z.input<typeof WalkInRegisterInput>;
/** the input as the core receives it (validated, defaults filled in) */
export type WalkInRegisterRequest = z.output<typeof WalkInRegisterInput>;

/** Where a look-up's answer came from: the kiosk's own data, or the cloud's kiosk routes (other kiosks' visits). */
export const LookupOrigin = z.enum(['local', 'cloud']);
export type LookupOrigin = z.infer<typeof LookupOrigin>;

/** A host as the desk may see one: the phone masked. */
export const HostHit = z.object({
  id: Id,
  name: z.string(),
  department: z.string(),
  office: z.string().optional(),
  phoneMasked: z.string(),
  /** found only by the cloud (not pulled here yet): absent means local */
  origin: LookupOrigin.optional(),
});
export type HostHit = z.infer<typeof HostHit>;

/**
 * A person's most recent visit at this site, masked, for one-tap reuse: this kiosk's (`visitId`: its phone may be
 * reused) or, online, the cloud's when newer (a visit at another kiosk: `origin` cloud, its booking id, no phone to
 * reuse).
 */
export const WalkInLastVisit = z.object({
  /** this kiosk's visit (absent for one the cloud found) */
  visitId: Uuid.optional(),
  bookingId: Id.optional(),
  origin: LookupOrigin,
  visitedAt: Instant,
  matchedBy: z.enum(['id', 'phone']),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  idMasked: z.string().optional(),
  company: z.string().optional(),
  title: z.string().optional(),
  /** the host of that visit when they can still receive visitors (else only the name: 无此受访人 now) */
  host: HostHit.optional(),
  hostName: z.string(),
  visitType: z.string().optional(),
  reason: z.string().optional(),
  area: z.string().optional(),
  plate: z.string().optional(),
});
export type WalkInLastVisit = z.infer<typeof WalkInLastVisit>;

/** One of today's visitors at this site, masked: what the form may copy (unit, host, reason, type, plate). */
export const WalkInTodayVisitor = z.object({
  bookingId: Id,
  /** local: this kiosk knows the visit; cloud: only the cloud did (another kiosk's) */
  origin: LookupOrigin,
  nameMasked: z.string(),
  arrivedAt: Instant,
  company: z.string().optional(),
  host: HostHit.optional(),
  hostName: z.string(),
  visitType: z.string().optional(),
  reason: z.string(),
  area: z.string().optional(),
  plate: z.string().optional(),
  /** a visit whose window spans several site days: shown every day inside it */
  multiDay: z.literal(true).optional(),
  /** where the visitor stands today: in after an entry today, out after an exit, none: not come today yet */
  todayState: z.enum(['in', 'out', 'none']).optional(),
});
export type WalkInTodayVisitor = z.infer<typeof WalkInTodayVisitor>;

export const WalkInOptions = z.object({
  approval: WalkInApproval,
  visitTypes: z.array(z.string()),
  visitReasons: z.array(z.string()),
  areas: z.array(z.string()),
  freeTextReason: z.boolean(),
  earlyArrivalMinutes: z.number().int(),
  temperatureThresholdC: z.number(),
  /** now → the end of the site's day */
  defaultWindow: z.object({ start: Instant, end: Instant }),
});
export type WalkInOptions = z.infer<typeof WalkInOptions>;

export const WalkInPassView = z.object({
  role: z.enum(['lead', 'companion']),
  bookingId: Id,
  nameMasked: z.string(),
  visit: Visit,
  pass: IssuedPassView,
});
export type WalkInPassView = z.infer<typeof WalkInPassView>;

/** For the staff only (a blacklist hit, level and reason): never shown on the visitor-facing screen. */
export const WalkInStaffWarning = StaffWarning;
export type WalkInStaffWarning = z.infer<typeof WalkInStaffWarning>;

/** A walk-in waiting for its host (approval `host`): who is asked, and the site's rule should the cloud be lost. */
export const WalkInHostWait = z.object({
  /** the host's name, masked (maskName) */
  hostNameMasked: z.string(),
  offlineFallback: WalkInOfflineFallback,
});
export type WalkInHostWait = z.infer<typeof WalkInHostWait>;

export const WalkInRegistered = z
  .object({
    registrationId: Uuid,
    bookingId: Id,
    code: z.string(),
    approval: z.enum(['desk', 'host', 'desk_offline_fallback']),
    /** the lead's first, then each companion's (sub-bills); none while the host has not approved */
    passes: z.array(WalkInPassView),
    staffWarnings: z.array(WalkInStaffWarning),
    /** approval `host`: the kiosk waits for the host (its answer comes as a `walkin.decision` event) */
    hostWait: WalkInHostWait.optional(),
  })
  .refine((r) => (r.approval === 'host' ? r.hostWait !== undefined && r.passes.length === 0 : r.passes.length > 0), {
    error: 'passes at once unless the host approves; hostWait exactly when they do',
  });
export type WalkInRegistered = z.infer<typeof WalkInRegistered>;

export const HostSearchResult = z.discriminatedUnion('result', [
  z.object({ result: z.literal('found'), hosts: z.array(HostHit).min(1) }),
  /** 无此受访人: unknown, or without visit permission */
  z.object({ result: z.literal('no_such_host') }),
  /** a name needs at least 2 characters */
  z.object({ result: z.literal('too_short') }),
]);
export type HostSearchResult = z.infer<typeof HostSearchResult>;

/**
 * Where a walk-in waiting for its host stands (event `walkin.decision`): still waiting (again, after the connection
 * came back), the connection to the cloud lost (the site's offline rule offered), approved (every person checked in:
 * their passes), rejected (the host's words), cancelled (by the desk or the host), expired, refused by the cloud
 * (the registerWalkIn command's conflict code: host_unknown, blacklisted, window_*…), or failed (approved, but the
 * kiosk could not check someone in: the check-in's error code).
 */
export const WalkInDecisionState = z.enum(['waiting', 'connection_lost', 'approved', 'rejected', 'cancelled', 'expired', 'refused', 'failed']);
export type WalkInDecisionState = z.infer<typeof WalkInDecisionState>;
export const WalkInDecisionEvent = z.object({
  registrationId: Uuid,
  bookingId: Id,
  state: WalkInDecisionState,
  hostNameMasked: z.string(),
  /** rejected: the host's reason, when they gave one (plain text, numbers redacted) */
  reason: z.string().optional(),
  /** refused: the cloud's code; failed: the check-in's error code */
  code: z.string().optional(),
  /** connection_lost: what the site does without the cloud (the desk approves, or refuse) */
  offlineFallback: WalkInOfflineFallback.optional(),
  /** approved: the lead's pass first, then each companion's */
  passes: z.array(WalkInPassView).optional(),
  at: Instant,
});
export type WalkInDecisionEvent = z.infer<typeof WalkInDecisionEvent>;

/**
 * A walk-in that waited for its host at this kiosk today (or waits still), for the desk's 等待中的访客 list: it
 * survives a restart (the core resumes waiting). Masked names only; `outcome` is the event it ended with (approved:
 * the passes, to show or print again; rejected: the host's words).
 */
export const WalkInWaitView = z.object({
  registrationId: Uuid,
  bookingId: Id,
  code: z.string(),
  leadNameMasked: z.string(),
  /** the lead and each companion */
  people: z.number().int().min(1),
  hostNameMasked: z.string(),
  offlineFallback: WalkInOfflineFallback,
  registeredAt: Instant,
  state: WalkInDecisionState,
  outcome: WalkInDecisionEvent.optional(),
});
export type WalkInWaitView = z.infer<typeof WalkInWaitView>;

const RegistrationRef = z.object({ registrationId: Uuid }).strict();

/** The blacklist for every person of a registration, before it is made: the staff-only panel's content. */
export const WalkInScreening = z.object({
  /** a `refuse` hit: the registration cannot be made (the visitor-facing words stay neutral: 请联系前台) */
  refused: z.boolean(),
  /** every hit, refuse and warn, for the staff; a `warn` one needs `staffAcknowledged` on walkin.register */
  staffWarnings: z.array(WalkInStaffWarning),
});
export type WalkInScreening = z.infer<typeof WalkInScreening>;

/** Whose registered photo: the ID card held under `cardRef`, or a phone (the person found by their visits here). */
export const RegisteredPhotoLookup = z.object({ cardRef: CardRef.optional(), phone: Phone.optional() });
export type RegisteredPhotoLookup = z.infer<typeof RegisteredPhotoLookup>;

/** A person's registered photo as staff see it (替换注册照片): the person masked, the photo and its consent. */
export const RegisteredPhotoView = z.object({
  person: z.object({
    matchedBy: z.enum(['id', 'phone']),
    nameMasked: z.string(),
    phoneMasked: z.string(),
    idMasked: z.string().optional(),
    lastVisitAt: Instant,
  }),
  /** null: no consented photo of them here */
  photo: z
    .object({
      /** walkin: taken at a walk-in; checkin: at a booked check-in; replaced: taken at the desk to replace it */
      source: z.enum(['walkin', 'checkin', 'replaced']),
      textVersion: z.string(),
      decidedAt: Instant,
      photoDataUrl: z.string(),
    })
    .nullable(),
});
export type RegisteredPhotoView = z.infer<typeof RegisteredPhotoView>;

const StaffPersonInput = RegisteredPhotoLookup.extend({ session: AdminSessionToken }).strict();
const onePerson = { error: 'cardRef or phone, exactly one' };
const exactlyOne = (i: { cardRef?: string | undefined; phone?: string | undefined }) => (i.cardRef === undefined) !== (i.phone === undefined);

export const walkinCalls = {
  'walkin.options': call(Empty, WalkInOptions, "the walk-in form's site lists and defaults (pulled site settings)"),
  'walkin.lookup': call(
    z
      .object({ cardRef: CardRef.optional(), phone: Phone.optional() })
      .strict()
      .refine((i) => i.cardRef !== undefined || i.phone !== undefined, { error: 'cardRef or phone' }),
    z.object({ lastVisit: WalkInLastVisit.nullable() }),
    "a person's most recent visit at this site (by the held card's ID number key, then by phone), masked: this kiosk's, and online the cloud's when newer (1.5 s at most; the local answer otherwise)",
  ),
  'walkin.today': call(
    Empty,
    z.object({ visitors: z.array(WalkInTodayVisitor) }),
    "today's visitors at this site, masked, newest first: this kiosk's, and online the cloud's (other kiosks'), without duplicates",
  ),
  'hosts.search': call(
    z.object({ query: plainText(z.string().trim().min(1).max(40)) }).strict(),
    HostSearchResult,
    "hosts who may receive visitors, by phone (exactly) or by name (2 characters at least), local and online the cloud's; no_such_host (无此受访人) otherwise",
  ),
  'walkin.companionCard': call(Empty, Empty, "the next ID card read is a companion's: the cards held now (the lead's) stay held with it, for this session"),
  'walkin.screen': call(
    WalkInRegisterInput,
    WalkInScreening,
    "the blacklist for the registration's people (held cards or typed), before walkin.register: staff-only warnings",
  ),
  'walkin.register': call(
    WalkInRegisterInput,
    WalkInRegistered,
    'register a walk-in (lead and companions as sub-bills) and, with desk approval, issue each person a pass; with host approval (online) push it and wait for the host (`walkin.decision` events); the held cards are released (walkin_refused: a refuse hit; walkin_warning_unacknowledged: a warn hit without staffAcknowledged)',
  ),
  'walkin.facePhoto': call(
    z
      .object({ session: AdminSessionToken, bookingId: Id.optional(), visitId: Uuid.optional() })
      .strict()
      .refine((i) => (i.bookingId === undefined) !== (i.visitId === undefined), { error: 'bookingId or visitId, exactly one' }),
    z.object({ face: FacePhotoView.nullable() }),
    "staff only (an unlocked admin or staff session, else walkin_staff_only): a visit's face consent and photo (a walk-in's by its booking, any checked-in visit, walk-in or booked, by its visit id), null when none was asked",
  ),
  'walkin.registeredPhoto': call(
    StaffPersonInput.refine(exactlyOne, onePerson),
    RegisteredPhotoView,
    "staff only (walkin_staff_only): a person's registered photo at this kiosk (the newest consented one), found by a held ID card or a phone; walkin_person_unknown when they never visited here",
  ),
  'walkin.replacePhoto': call(
    StaffPersonInput.extend({ face: FaceConsentInput }).strict().refine(exactlyOne, onePerson),
    z.object({ replaced: z.boolean(), replacedAt: Instant }),
    "staff only: replace a person's registered photo with one taken under their consent (walkin_photo_consent_missing without; walkin_photo_invalid for a bad JPEG): kept locally, the old file deleted, audited; where the site's policy allows upload (faceUploadAllowed) and the consent's text says so, also sent to the cloud's visitor library by one signed uploadVisitorPhoto command",
  ),
  'walkin.cancelWait': call(
    RegistrationRef,
    z.object({ cancelled: z.literal(true) }),
    'the visitor gives up waiting for the host: the walk-in is withdrawn (its bills cancelled here, and in the cloud by a signed cancelWalkIn command, sent now or once the cloud is back); walkin_not_waiting when none waits',
  ),
  'walkin.waits': call(
    Empty,
    z.object({ waits: z.array(WalkInWaitView) }),
    "the walk-ins waiting for their host at this kiosk (resumed after a restart) and today's that ended, newest first, masked: the desk picks one up again",
  ),
  'walkin.applyOfflineRule': call(
    RegistrationRef,
    WalkInRegistered,
    "the cloud was lost while waiting for the host: apply the site's offline rule (the desk approves: each person checked in, their passes; or walkin_offline_refused)",
  ),
} as const;

export const walkinEvents = {
  'walkin.decision': WalkInDecisionEvent,
} as const;

export const walkinContract = { calls: walkinCalls, events: walkinEvents, errors: WalkInErrorCode } as const;
