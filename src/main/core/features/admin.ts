/**
 * The admin feature (src/shared/contract/admin.ts, issue 11): the PIN pad and the admin home's sections. The core,
 * not the renderer, decides who may do what: every call past the PIN pad names a session the core opened and still
 * holds as valid (admin_locked otherwise), and an admin right asked with a staff session is admin_forbidden.
 * Wrong PINs make the pad wait (1 s, 2 s, 4 s … 5 min, kept in the database across restarts); every attempt is
 * logged, never the PIN. PIN checks run one at a time, so that parallel calls cannot outrun the backoff.
 */
import { pinBackoffMs, pinWeakness, type AdminRole } from '../../../shared/adminPin';
import type { adminContract, AdminPolicy, AdminStatus } from '../../../shared/contract/admin';
import type { KioskSettings } from '../../../shared/domain';
import { IpcCallError, type AppInfo, type DeviceState, type SyncState, type TemperatureReading } from '../../../shared/ipc';
import type { AdminAudit } from '../admin/audit';
import { folderBytes, quickCheck } from '../admin/dataFolder';
import { deviceCalls, type DeviceCallsDeps } from '../admin/deviceCalls';
import { enrolmentCalls, type EnrolmentCallsDeps } from '../admin/enrolmentCalls';
import { logCalls } from '../admin/logCalls';
import { shellCalls, type KioskShellControl } from '../admin/shellCalls';
import { hashPin, verifyPin } from '../admin/pinHash';
import { createAdminSessions, type AdminSessions } from '../admin/sessions';
import { readPinAttempts, recordPinFailure, resetPinFailures } from '../db/adminPinStore';
import type { KioskDb } from '../db/openDb';
import type { PassPrintRequest, PrinterKind } from '../devices';
import { createLogger } from '../log';
import { policyValuesOf, type PolicyKeeper } from '../policy';
import { policyValueForLog, samePolicyValue } from '../../../shared/policy';
import type { SettingsAccess } from '../settings';
import type { HandlerTable } from './feature';

const log = createLogger('admin');

export interface AdminFeatureDeps {
  db: KioskDb;
  now: () => Date;
  settings: Pick<SettingsAccess, 'current' | 'save'>;
  /** the composition root's runtime change: saved, then in effect at once (devices reopened when needed) */
  updateSettings: (update: (current: KioskSettings) => KioskSettings) => Promise<KioskSettings>;
  /** the policy in layers: what the cloud locks, local overrides */
  policy: Pick<PolicyKeeper, 'layered' | 'setLocal'>;
  /** every admin action, logged and synced (src/main/core/admin/audit.ts) */
  audit: AdminAudit;
  devices: {
    list(): DeviceState[];
    readTemperature(): Promise<TemperatureReading>;
    print(pass: PassPrintRequest): Promise<{ printer: string }>;
  };
  /** the printer the devices drive, else the settings' */
  printerKind: () => PrinterKind;
  syncState: () => SyncState;
  info: () => AppInfo;
  dataDir: string;
  /** the shell's kiosk mode, when it has one (Electron): left only from here (src/main/core/admin/shellCalls.ts) */
  shell?: KioskShellControl;
  /** the enrolment section (src/main/core/admin/enrolmentCalls.ts) */
  enrolment: Omit<EnrolmentCallsDeps, 'audit' | 'requireAdmin'>;
  /** the devices section's detection and events (src/main/core/admin/deviceCalls.ts) */
  deviceSetup: Pick<DeviceCallsDeps, 'detect' | 'events'>;
}

export interface AdminFeature {
  readonly handlers: HandlerTable<typeof adminContract.calls>;
  readonly sessions: AdminSessions;
}

/** A policy value as an audit entry holds it: a list, text or flags as JSON (the audit cuts it at 200 characters). */
const auditValue = (v: AdminPolicy[keyof AdminPolicy]): string | number => (typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));

const policyOf = (s: KioskSettings): AdminPolicy => {
  const { faceUploadAllowed: _theSites, ...shown } = policyValuesOf(s);
  return shown;
};

/** A pass that says it is a test: its QR names no visit and verifies nowhere. */
function testPass(now: Date): PassPrintRequest {
  return {
    token: 'PASSDESK-PRINTER-TEST',
    siteName: '打印测试 / Printer test',
    visitorName: '测试 TEST',
    hostName: '-',
    validFrom: now,
    validUntil: now,
    partySize: 1,
    timeZone: 'Asia/Shanghai',
  };
}

export function createAdminFeature(deps: AdminFeatureDeps): AdminFeature {
  const { db, now, settings } = deps;
  const sessions = createAdminSessions({ now, lockAfterMs: () => settings.current().adminLockAfterS * 1000 });

  /** PIN checks one after another */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** when the pad may be tried again; undefined when it need not wait */
  const waitUntil = (): Date | undefined => {
    const { failures, lastFailureAt } = readPinAttempts(db);
    if (failures === 0 || lastFailureAt === undefined) return undefined;
    // a clock set back must not stretch the wait: count from now at the latest
    const last = Math.min(Date.parse(lastFailureAt), now().getTime());
    const until = new Date(last + pinBackoffMs(failures));
    return until.getTime() > now().getTime() ? until : undefined;
  };
  const fail = async (what: string): Promise<Date> => {
    const at = now();
    const failures = recordPinFailure(db, at.toISOString());
    const retryAt = new Date(at.getTime() + pinBackoffMs(failures));
    log.warn(`${what}: wrong PIN (${failures} in a row); the pad waits until ${retryAt.toISOString()}`);
    await deps.audit.record('pin.failure', { where: what, failures, retryAt: retryAt.toISOString() });
    return retryAt;
  };

  const requireSession = (token: string, role: AdminRole) => {
    const session = sessions.use(token);
    if (!session) throw new IpcCallError('admin_locked', 'the admin screens are locked: enter the PIN');
    if (role === 'admin' && session.role !== 'admin') throw new IpcCallError('admin_forbidden', 'this needs the admin PIN');
    return session;
  };
  const requireStrong = (pin: string) => {
    const weakness = pinWeakness(pin);
    if (weakness) throw new IpcCallError('admin_pin_weak', `the PIN is refused (${weakness}): 6 to 12 digits, not one digit repeated, not a run`);
  };

  const status = (token?: string): AdminStatus => {
    const s = settings.current();
    const out: AdminStatus = { adminPinSet: s.adminPinHash !== undefined, staffPinSet: s.staffPinHash !== undefined, lockAfterS: s.adminLockAfterS };
    const wait = waitUntil();
    if (wait) out.waitUntil = wait.toISOString();
    const session = sessions.use(token);
    if (session) out.session = { role: session.role, expiresAt: session.expiresAt };
    return out;
  };

  return {
    sessions,
    handlers: {
      ...enrolmentCalls({ ...deps.enrolment, audit: deps.audit, requireAdmin: (session) => void requireSession(session, 'admin') }),
      ...logCalls({ now, kioskName: () => settings.current().kioskName, audit: deps.audit, requireAdmin: (session) => void requireSession(session, 'admin') }),
      ...shellCalls({ shell: deps.shell, audit: deps.audit, requireAdmin: (session) => void requireSession(session, 'admin') }),
      ...deviceCalls({
        ...deps.deviceSetup,
        settings: () => settings.current(),
        updateSettings: deps.updateSettings,
        states: () => deps.devices.list(),
        audit: deps.audit,
        requireAdmin: (session) => void requireSession(session, 'admin'),
      }),

      'admin.status': ({ session }) => status(session),

      'admin.setupPin': ({ pin }) =>
        serial(async () => {
          if (settings.current().adminPinHash !== undefined) throw new IpcCallError('admin_pin_set', 'an admin PIN is already set: unlock with it');
          requireStrong(pin);
          const adminPinHash = await hashPin(pin);
          settings.save({ ...settings.current(), adminPinHash });
          resetPinFailures(db);
          log.info('admin PIN set at first use, at the kiosk');
          await deps.audit.record('pin.set', { role: 'admin' });
          return sessions.open('admin');
        }),

      'admin.unlock': ({ pin }) =>
        serial(async () => {
          const s = settings.current();
          if (s.adminPinHash === undefined) throw new IpcCallError('admin_pin_not_set', 'no admin PIN is set yet: set one first');
          const wait = waitUntil();
          if (wait) {
            log.warn(`PIN pad: attempt refused, waiting until ${wait.toISOString()}`);
            return { ok: false as const, reason: 'wait' as const, retryAt: wait.toISOString() };
          }
          const role: AdminRole | undefined = (await verifyPin(pin, s.adminPinHash))
            ? 'admin'
            : s.staffPinHash !== undefined && (await verifyPin(pin, s.staffPinHash))
              ? 'staff'
              : undefined;
          if (!role) return { ok: false as const, reason: 'wrong_pin' as const, retryAt: (await fail('PIN pad')).toISOString() };
          resetPinFailures(db);
          log.info(`PIN pad: ${role} session opened`);
          await deps.audit.record('pin.success', { role });
          return { ok: true as const, session: sessions.open(role) };
        }),

      'admin.lock': ({ session }) => {
        sessions.lock(session);
        log.info('admin session locked');
        return { locked: true as const };
      },

      'admin.changePin': ({ session, current, pin }) =>
        serial(async () => {
          requireSession(session, 'admin');
          const s = settings.current();
          if (s.adminPinHash === undefined) throw new IpcCallError('admin_pin_not_set', 'no admin PIN is set');
          const wait = waitUntil();
          if (wait) throw new IpcCallError('admin_wait', 'wrong PINs: wait before trying again');
          if (!(await verifyPin(current, s.adminPinHash))) {
            await fail('change PIN');
            throw new IpcCallError('admin_pin_wrong', 'the current PIN is wrong');
          }
          resetPinFailures(db);
          requireStrong(pin);
          if (s.staffPinHash !== undefined && (await verifyPin(pin, s.staffPinHash)))
            throw new IpcCallError('admin_pin_same', 'the admin and staff PINs must differ');
          settings.save({ ...settings.current(), adminPinHash: await hashPin(pin) });
          log.info('admin PIN changed');
          await deps.audit.record('pin.changed', { role: 'admin' });
          return { changed: true as const };
        }),

      'admin.setStaffPin': ({ session, pin }) =>
        serial(async () => {
          requireSession(session, 'admin');
          if (pin === null) {
            const { staffPinHash: _removed, ...rest } = settings.current();
            settings.save(rest);
            log.info('staff PIN removed');
            await deps.audit.record('staffPin.removed');
            return status(session);
          }
          requireStrong(pin);
          const adminHash = settings.current().adminPinHash;
          if (adminHash !== undefined && (await verifyPin(pin, adminHash))) throw new IpcCallError('admin_pin_same', 'the admin and staff PINs must differ');
          settings.save({ ...settings.current(), staffPinHash: await hashPin(pin) });
          log.info('staff PIN set');
          await deps.audit.record('staffPin.set');
          return status(session);
        }),

      'admin.overview': ({ session }) => {
        requireSession(session, 'admin');
        const info = deps.info();
        const about = {
          version: info.version,
          kioskName: info.kioskName,
          shell: info.host,
          dataDir: deps.dataDir,
          dataBytes: folderBytes(deps.dataDir),
          ...(info.kioskId !== undefined ? { kioskId: info.kioskId } : {}),
          ...(info.siteName !== undefined ? { siteName: info.siteName } : {}),
        };
        const { locked, sources } = deps.policy.layered();
        return {
          devices: deps.devices.list(),
          sync: deps.syncState(),
          policy: policyOf(settings.current()),
          policyLayers: { locked, sources },
          faceUploadAllowed: settings.current().faceUploadAllowed,
          about,
        };
      },

      'admin.updatePolicy': async ({ session, policy }) => {
        requireSession(session, 'admin');
        const before = policyOf(settings.current());
        const current = settings.current();
        const saved = await deps.policy.setLocal({ ...policyValuesOf(current), ...policy }, (next) => deps.updateSettings(() => next));
        const after = policyOf(saved);
        const changed = (Object.keys(after) as (keyof AdminPolicy)[]).filter((k) => !samePolicyValue(after[k], before[k]));
        log.info(
          `policy changed at the kiosk: ${changed.map((k) => `${k} ${policyValueForLog(before[k])} → ${policyValueForLog(after[k])}`).join(', ') || 'nothing'}`,
        );
        for (const key of changed) await deps.audit.record('setting.changed', { key, old: auditValue(before[key]), new: auditValue(after[key]) });
        return after;
      },

      'admin.testThermometer': async ({ session }) => {
        requireSession(session, 'admin');
        log.info('device test: thermometer');
        try {
          const reading = await deps.devices.readTemperature();
          await deps.audit.record('device.test', { device: 'thermometer', result: 'ok', celsius: reading.celsius, abnormal: reading.abnormal });
          return reading;
        } catch (err) {
          await deps.audit.record('device.test', { device: 'thermometer', result: 'failed' });
          throw err;
        }
      },

      'admin.testPrinter': async ({ session }) => {
        requireSession(session, 'admin');
        log.info('device test: printer');
        // the system printer prints from the screen's print dialog: the core has no pass printer to test then
        const kind = deps.printerKind();
        if (kind === 'none' || kind === 'system') {
          await deps.audit.record('device.test', { device: 'printer', result: 'not_configured' });
          return { result: 'not_configured' as const };
        }
        try {
          const { printer } = await deps.devices.print(testPass(now()));
          await deps.audit.record('device.test', { device: 'printer', result: 'printed' });
          return { result: 'printed' as const, printer };
        } catch (err) {
          await deps.audit.record('device.test', { device: 'printer', result: 'failed' });
          throw err;
        }
      },

      'admin.checkDatabase': ({ session }) => {
        requireSession(session, 'admin');
        const result = quickCheck(db);
        log.info(`database quick_check: ${result.ok ? 'ok' : `${result.problems.length} problems`}`);
        return result;
      },
    },
  };
}
