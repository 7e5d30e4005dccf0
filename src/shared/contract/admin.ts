/**
 * The contract's admin feature (issue 11): the PIN pad (first PIN, unlock, lock, change), and the admin home's
 * sections (devices with their tests, policy, about). Every call but the PIN pad's own needs a session token from
 * admin.unlock / admin.setupPin that the core still holds as valid (not locked, not idle too long): otherwise
 * admin_locked; a staff session asking for an admin right gets admin_forbidden.
 */
import { z } from 'zod';
import { Instant, NameText, PolicyValues } from '../domain';
import { PolicyKey, PolicySource } from '../policy';
import { AdminRole, PinInput } from '../adminPin';
import { adminDeviceCalls } from './adminDevices';
import { AdminErrorCode } from '../errorCodes';
import { call } from './define';
import { adminLogCalls } from './adminLogs';
import { adminShellCalls } from './adminShell';
import { AdminSessionToken } from './adminSession';
import { DeviceState, TemperatureReading } from './devices';
import { SyncState } from './sync';

export { AdminSessionToken };

export const AdminSession = z.object({
  token: AdminSessionToken,
  role: AdminRole,
  /** when it locks unless used before */
  expiresAt: Instant,
});
export type AdminSession = z.infer<typeof AdminSession>;

const WithSession = z.object({ session: AdminSessionToken }).strict();

export const AdminStatus = z.object({
  /** false on first use: the kiosk asks for an admin PIN to be set */
  adminPinSet: z.boolean(),
  staffPinSet: z.boolean(),
  /** wrong PINs made the pad wait until then */
  waitUntil: Instant.optional(),
  /** the session asked about, when it is still valid (asking counts as activity) */
  session: z.object({ role: AdminRole, expiresAt: Instant }).optional(),
  /** the session locks after this many seconds without an admin call */
  lockAfterS: z.number().int(),
});
export type AdminStatus = z.infer<typeof AdminStatus>;

export const AdminUnlockResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), session: AdminSession }),
  /** wrong_pin: counted, the pad waits until retryAt; wait: not tried (the pad is waiting) */
  z.object({ ok: z.literal(false), reason: z.enum(['wrong_pin', 'wait']), retryAt: Instant }),
]);
export type AdminUnlockResult = z.infer<typeof AdminUnlockResult>;

/** The policy the admin screen edits: saved in the kiosk settings, in effect at once. */
/** (faceUploadAllowed is the site's decision, not the kiosk's: shown in the overview, never edited here) */
export const AdminPolicy = PolicyValues.omit({ faceUploadAllowed: true }).strict();
export type AdminPolicy = z.infer<typeof AdminPolicy>;

export const AdminAbout = z.object({
  version: z.string(),
  kioskId: z.string().optional(),
  kioskName: z.string(),
  siteName: z.string().optional(),
  dataDir: z.string(),
  /** bytes of every file in the data folder */
  dataBytes: z.number().int().min(0),
  shell: z.enum(['electron', 'browser']),
});
export type AdminAbout = z.infer<typeof AdminAbout>;

/** Where each policy value comes from, and the keys the management platform locks (read-only: 由管理平台设置). */
export const AdminPolicyLayers = z.object({
  locked: z.array(PolicyKey),
  sources: z.record(PolicyKey, PolicySource),
});
export type AdminPolicyLayers = z.infer<typeof AdminPolicyLayers>;

export const AdminOverview = z.object({
  devices: z.array(DeviceState),
  sync: SyncState,
  policy: AdminPolicy,
  policyLayers: AdminPolicyLayers,
  /** the site's policy lets face photos go to the cloud (policyLayers.sources says which layer set it) */
  faceUploadAllowed: z.boolean(),
  about: AdminAbout,
});
export type AdminOverview = z.infer<typeof AdminOverview>;

/** The cloud a kiosk enrols with: http(s) only, no credentials or fragment in it. */
export const EnrolCloudUrl = z
  .url({ protocol: /^https?$/, error: 'the cloud URL must start with http:// or https://' })
  .max(200)
  .refine((u) => !/[\s<>"'`]/.test(u), 'the cloud URL holds characters a URL may not')
  .refine((u) => {
    // refinements run even after the URL check failed: parse only what parses
    const url = URL.canParse(u) ? new URL(u) : undefined;
    return url === undefined || (url.username === '' && url.password === '' && url.hash === '');
  }, 'the cloud URL may not hold a user name, password or #fragment');
/** A one-time enrolment code as an admin of the cloud reads it out: letters and digits (dashes and spaces ignored). */
export const EnrolCode = z
  .string()
  .trim()
  .toUpperCase()
  .max(24)
  .regex(/^[A-Z0-9][A-Z0-9 -]{2,22}[A-Z0-9]$/, 'the enrolment code: letters and digits as the cloud gave them, like ABCD-2345');

/** The enrolment section: what the kiosk is enrolled as, or that it is not. */
export const AdminEnrolment = z.object({
  cloudUrl: z.string(),
  kioskName: z.string(),
  /** visitor records (check-ins and -outs, walk-ins, passages) not yet pushed: re-enrolling or leaving would lose them */
  pendingCommands: z.number().int().min(0),
  identity: z
    .object({
      kioskId: z.string(),
      siteId: z.string(),
      siteName: z.string().optional(),
      keyId: z.string(),
      /** the first 80 bits of SHA-256 of the public key, hex in groups of four (read aloud to the cloud's admin) */
      fingerprint: z.string(),
      enrolledAt: Instant,
    })
    .optional(),
});
export type AdminEnrolment = z.infer<typeof AdminEnrolment>;

export const adminCalls = {
  ...adminLogCalls,
  ...adminShellCalls,
  'admin.status': call(
    z.object({ session: AdminSessionToken.optional() }).strict(),
    AdminStatus,
    'whether PINs are set, the pad’s wait, and whether the given session is still valid (a valid one is kept alive)',
  ),
  'admin.setupPin': call(
    z.object({ pin: PinInput }).strict(),
    AdminSession,
    'first use only: sets the admin PIN and opens an admin session (admin_pin_set once one is set, admin_pin_weak)',
  ),
  'admin.unlock': call(z.object({ pin: PinInput }).strict(), AdminUnlockResult, 'the PIN pad: an admin or staff session, or how long to wait'),
  'admin.lock': call(WithSession, z.object({ locked: z.literal(true) }), 'ends the session now'),
  'admin.changePin': call(
    WithSession.extend({ current: PinInput, pin: PinInput }).strict(),
    z.object({ changed: z.literal(true) }),
    'admin: a new admin PIN, given the current one (admin_pin_wrong counts as a wrong PIN)',
  ),
  'admin.setStaffPin': call(
    WithSession.extend({ pin: PinInput.nullable() }).strict(),
    AdminStatus,
    'admin: sets the staff PIN (null removes it); it may not be the admin PIN',
  ),
  'admin.overview': call(WithSession, AdminOverview, 'admin: devices, sync, policy and about, as they are now'),
  'admin.updatePolicy': call(
    WithSession.extend({ policy: AdminPolicy }).strict(),
    AdminPolicy,
    'admin: saves the values changed as local overrides, in effect at once (admin_policy_locked for a key the cloud locks: nothing saved)',
  ),
  'admin.testThermometer': call(WithSession, TemperatureReading, 'admin: one reading, judged against the policy as it is now'),
  'admin.testPrinter': call(
    WithSession,
    z.discriminatedUnion('result', [z.object({ result: z.literal('printed'), printer: z.string() }), z.object({ result: z.literal('not_configured') })]),
    'admin: prints a test pass on the pass printer, or says none is configured',
  ),
  'admin.checkDatabase': call(
    WithSession,
    z.object({ ok: z.boolean(), problems: z.array(z.string().max(400)).max(20) }),
    'admin: PRAGMA quick_check on the kiosk database',
  ),
  'admin.enrolment': call(WithSession, AdminEnrolment, 'admin: what the kiosk is enrolled as (site, kiosk id, key fingerprint), or that it is not'),
  'admin.enrol': call(
    WithSession.extend({ cloudUrl: EnrolCloudUrl, code: EnrolCode, name: NameText(60), discardPending: z.boolean().default(false) }).strict(),
    AdminEnrolment,
    'admin: enrols (or re-enrols) the kiosk with a one-time code; enrol_pending_commands while commands wait unless discardPending; the cloud’s refusal as enrol_refused, an unreachable cloud as enrol_unreachable; nothing changes on failure',
  ),
  'admin.leaveEnrolment': call(
    WithSession.extend({ discardPending: z.boolean().default(false) }).strict(),
    AdminEnrolment,
    'admin: forgets the identity and its secrets and stops syncing (enrol_pending_commands while commands wait unless discardPending)',
  ),
} as const;

export const adminEvents = {} as const;

/** the admin feature's calls: the sections' above and the devices section's (./adminDevices.ts) */
export const adminContract = { calls: { ...adminCalls, ...adminDeviceCalls }, events: adminEvents, errors: AdminErrorCode } as const;
