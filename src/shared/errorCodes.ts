/**
 * Every error code that reaches a person at the kiosk, as closed sets: one per desk feature, and their union
 * IpcErrorCode, the only codes an IpcCallError (the one coded error type of the desk) can carry. The renderer has a
 * zh-CN and an English message for each (`error.<code>`; tests/unit/shared/errorCodes.test.ts proves it), so a code
 * added here without its words fails the tests instead of falling back silently.
 */
import { z } from 'zod';

/** Why a booking cannot be checked in now (BookingView.checkIn.reason, and checkin.confirm's refusal). */
export const CheckInRefusal = z.enum(['not_approved', 'rejected', 'cancelled', 'already_arrived', 'too_early', 'window_closed', 'blacklisted']);
export type CheckInRefusal = z.infer<typeof CheckInRefusal>;

/**
 * bookings.find / bookings.get / checkin.confirm, beyond the refusals. checkin_warning_unacknowledged: the booking has a
 * `warn` blacklist hit (BookingView.staffWarnings) and the call did not say `staffAcknowledged: true`.
 */
export const CheckInErrorCode = z.enum([
  ...CheckInRefusal.options,
  'booking_not_found',
  'visit_id_reused',
  'temperature_abnormal',
  'checkin_warning_unacknowledged',
]);
export type CheckInErrorCode = z.infer<typeof CheckInErrorCode>;

/**
 * walkin.lookup / walkin.register / hosts.search (普通访客登记): host_not_found is 无此受访人 (unknown, or without
 * visit permission); walkin_refused is the visitor-facing refusal of a blacklisted person (staff are told why
 * elsewhere, never on this screen). walkin_not_waiting: no walk-in of that id waits for its host at this kiosk;
 * walkin_offline_refused: the cloud is unreachable and this site's offline rule refuses walk-ins;
 * walkin_warning_unacknowledged: a person is on the blacklist at `warn` (walkin.screen
 * tells the staff) and walkin.register did not say `staffAcknowledged: true`; walkin_host_unconfirmed: the host was
 * found only in the cloud's directory and the cloud cannot confirm them now.
 */
export const WalkInErrorCode = z.enum([
  'host_not_found',
  'walkin_id_invalid',
  'walkin_person_invalid',
  'walkin_list_value',
  'walkin_reason_not_listed',
  'walkin_plate_required',
  'walkin_plate_invalid',
  'walkin_window_invalid',
  'walkin_refused',
  'walkin_duplicate_person',
  'walkin_host_approval_unavailable',
  'walkin_id_reused',
  'walkin_not_waiting',
  'walkin_offline_refused',
  'walkin_warning_unacknowledged',
  'walkin_host_unconfirmed',
  // the face photo (issue 10): not a JPEG, too large, absurd dimensions, or a photo without consent
  'walkin_photo_invalid',
  // walkin.facePhoto without an unlocked staff or admin session
  'walkin_staff_only',
  // 替换注册照片: no visitor with this card or phone here; a replacement without consent and a photo
  'walkin_person_unknown',
  'walkin_photo_consent_missing',
]);
export type WalkInErrorCode = z.infer<typeof WalkInErrorCode>;

/** visits.checkout (already_left is also pass.print's: the pass of a visitor who left is not printed). */
export const SignOutErrorCode = z.enum(['visit_not_found', 'already_left']);
export type SignOutErrorCode = z.infer<typeof SignOutErrorCode>;

/** Why a pass token was refused (PassError), and pass_revoked (the revocation list says no). */
export const PassErrorCode = z.enum([
  'pass_malformed',
  'pass_unknown_key',
  'pass_bad_signature',
  'pass_not_yet_valid',
  'pass_expired',
  'pass_key_revoked',
  'pass_wrong_site',
]);
export type PassErrorCode = z.infer<typeof PassErrorCode>;
export const PassesErrorCode = z.enum([...PassErrorCode.options, 'pass_revoked']);
export type PassesErrorCode = z.infer<typeof PassesErrorCode>;

/**
 * gate.scan's own denials beyond the pass's (PassesErrorCode): gate_not_a_pass is scanned text holding no pass token;
 * the others are its standing's (PassRefusal in passStanding.ts, pass_revoked being the passes feature's).
 */
export const GateErrorCode = z.enum([
  'gate_not_a_pass',
  'booking_unknown',
  'booking_pending',
  'booking_rejected',
  'booking_cancelled',
  'booking_expired',
  'visitor_left',
]);
export type GateErrorCode = z.infer<typeof GateErrorCode>;

/** bookings.findByCard, devices.readTemperature, pass.print. */
export const DevicesErrorCode = z.enum(['card_expired', 'device_unavailable', 'device_failed', 'printer_unavailable', 'paper_out', 'printer_failed']);
export type DevicesErrorCode = z.infer<typeof DevicesErrorCode>;

/** sync.acknowledgeConflict (and pass.print for a visit this kiosk did not record). */
export const SyncErrorCode = z.enum(['not_found']);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

/** A call that needs the kiosk's enrolment (its signing key) before it has one. */
export const EnrolmentErrorCode = z.enum(['not_enrolled']);
export type EnrolmentErrorCode = z.infer<typeof EnrolmentErrorCode>;

/**
 * Kiosk administration (admin.*): admin_locked — no valid admin session (never unlocked, locked, or idle too long);
 * admin_forbidden — a staff session asked for an admin right; admin_pin_* — the PIN pad's refusals; admin_wait —
 * wrong PINs made the pad wait (backoff); admin_policy_locked — the cloud locks a policy key the kiosk tried to change;
 * admin_log_folder_invalid / admin_log_export_failed — the logs' export folder refused (not absolute, `..`, missing, not
 * writable) / the write failed; admin_not_electron — kiosk mode asked of a shell that is not Electron; the devices
 * section's refusals: admin_device_port_taken — another device opens that port; admin_device_not_saved — the device
 * settings could not be written (nothing changed); admin_device_not_ready — a device test of a device that is not
 * ready (not enabled, not connected).
 */
export const AdminErrorCode = z.enum([
  'admin_locked',
  'admin_forbidden',
  'admin_pin_weak',
  'admin_pin_set',
  'admin_pin_not_set',
  'admin_pin_wrong',
  'admin_pin_same',
  'admin_wait',
  'admin_policy_locked',
  'enrol_pending_commands',
  'enrol_refused',
  'enrol_unreachable',
  'admin_log_folder_invalid',
  'admin_log_export_failed',
  'admin_not_electron',
  'admin_device_port_taken',
  'admin_device_not_saved',
  'admin_device_not_ready',
]);
export type AdminErrorCode = z.infer<typeof AdminErrorCode>;

/** settings.json / secrets.json the core cannot use (SettingsError). */
export const SettingsErrorCode = z.enum(['settings_newer', 'settings_invalid', 'secrets_invalid']);
export type SettingsErrorCode = z.infer<typeof SettingsErrorCode>;

/**
 * The kiosk's own storage (issue 12's fault drills): storage_full — its disk is full (SQLITE_FULL, ENOSPC), so the
 * call recorded nothing (its transaction rolled back whole) and the person is asked to fetch staff.
 */
export const StorageErrorCode = z.enum(['storage_full']);
export type StorageErrorCode = z.infer<typeof StorageErrorCode>;

/**
 * The IPC plumbing: the core's dispatcher (bad_input, unknown_call, internal), the hosts (bad_message: the browser
 * host's WebSocket; forbidden: Electron, a call from a frame outside the app) and the renderer's bridge (ipc_*).
 */
export const TransportErrorCode = z.enum([
  'bad_input',
  'unknown_call',
  'internal',
  'bad_message',
  'forbidden',
  'ipc_unavailable',
  'ipc_disconnected',
  'ipc_timeout',
  'ipc_bad_response',
]);
export type TransportErrorCode = z.infer<typeof TransportErrorCode>;

/** Failures of the renderer's own, shown through the same error display. */
export const RendererErrorCode = z.enum(['qr_render_failed']);
export type RendererErrorCode = z.infer<typeof RendererErrorCode>;

/** The features and their codes: one list, read by the message-completeness test. */
export const errorCodesByFeature = {
  checkIn: CheckInErrorCode,
  walkIn: WalkInErrorCode,
  signOut: SignOutErrorCode,
  passes: PassesErrorCode,
  gate: GateErrorCode,
  devices: DevicesErrorCode,
  sync: SyncErrorCode,
  enrolment: EnrolmentErrorCode,
  settings: SettingsErrorCode,
  admin: AdminErrorCode,
  storage: StorageErrorCode,
  transport: TransportErrorCode,
  renderer: RendererErrorCode,
} as const;

export const IpcErrorCode = z.enum([
  ...CheckInErrorCode.options,
  ...WalkInErrorCode.options,
  ...SignOutErrorCode.options,
  ...PassesErrorCode.options,
  ...GateErrorCode.options,
  ...DevicesErrorCode.options,
  ...SyncErrorCode.options,
  ...EnrolmentErrorCode.options,
  ...SettingsErrorCode.options,
  ...AdminErrorCode.options,
  ...StorageErrorCode.options,
  ...TransportErrorCode.options,
  ...RendererErrorCode.options,
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const isIpcErrorCode = (code: unknown): code is IpcErrorCode => IpcErrorCode.safeParse(code).success;

/**
 * The desk's one coded error type: what the kiosk core throws for a person to read, what crosses IPC, what the
 * renderer shows. Recognised by `instanceof` and its closed `code`, never by `name`.
 */
export class IpcCallError<C extends IpcErrorCode = IpcErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}
