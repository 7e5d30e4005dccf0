/**
 * The kiosk core: local database, settings and secrets, the sync engine, check-in and the event bus,
 * tied together. Plain Node: both the Electron shell and the browser host run exactly this.
 */
import type { KioskSettings, KioskSettingsPublic, Language } from '../../shared/domain';
import { KioskSettingsPublic as KioskSettingsPublicSchema } from '../../shared/domain';
import { IpcCallError, type AppInfo, type DeviceState, type SyncConflict, type SyncState, type TemperatureReading } from '../../shared/ipc';
import type { CloudKioskSettings } from '../../shared/sync';
import pkg from '../../../package.json';
import { CheckInDesk, type KioskSigner } from './checkin';
import { acknowledgeConflict, listConflicts } from './db/conflictsStore';
import { readIdentity, type KioskIdentity } from './db/identityStore';
import { kioskDbPath, openKioskDb, type KioskDb } from './db/openDb';
import { readAppliedCloudSettings, readSyncState, saveAppliedCloudSettings } from './db/syncStateStore';
import {
  allDeviceStates,
  createDeviceDesk,
  passPrintingOf,
  printPassOn,
  type DeviceDesk,
  type DevicesPort,
  type HeldIdCard,
  type TemperaturePolicy,
} from './devices';
import { enrolKiosk } from './enrolment';
import { KioskEventBus } from './events';
import { createLogger } from './log';
import { DEFAULT_CLOUD_URL, loadSecrets, loadSettings, saveSettings, secretsPath, settingsPath, type KioskSecrets, type LoadedSettings } from './settings';
import { siteTimeZone } from '../../shared/siteDay';
import { SyncEngine } from './sync/syncEngine';
import type { BackoffPolicy } from './sync/backoff';
import { purgeOlderThan } from './db/retention';
import { createWalkInDesk, type WalkInDesk } from './walkin';
import { ensurePrivateDir, tightenFile } from '../../platform/privateFiles';

const log = createLogger('core');

export interface KioskCoreOptions {
  dataDir: string;
  /** the cloud to sync with; saved in settings. Default: the settings' (or the enrolment's) URL */
  cloudUrl?: string;
  now?: () => Date;
  /** which shell runs the core (reported by app.info). Default: browser */
  host?: AppInfo['host'];
  /** start periodic sync at once (default true) */
  autoSync?: boolean;
  /** sync tuning; defaults: pages of 500, backoff 1 s → 60 s */
  syncTuning?: { pullPageSize?: number; backoff?: BackoffPolicy };
  /** how long a card read is held at most when the visitor's session does not release it, default 5 minutes */
  heldCardTtlMs?: number;
  /**
   * The kiosk's devices (a device manager, built by the composition root), or how to build them from the settings
   * the core loaded. The core listens to them for its whole life and stops them at close. Without: every device
   * kind reports `disabled` / "not configured".
   */
  devices?: DevicesPort | ((settings: KioskSettings) => DevicesPort | Promise<DevicesPort>);
}

export interface KioskCore {
  readonly dataDir: string;
  readonly db: KioskDb;
  readonly events: KioskEventBus;
  readonly checkIn: CheckInDesk;
  /** walk-in registration (issue 9) */
  readonly walkIn: WalkInDesk;
  readonly sync: {
    now(): Promise<SyncState>;
    state(): SyncState;
    /** conflicted and rejected commands, with their local booking (code, masked visitor name) */
    conflicts(): SyncConflict[];
    /** marks a conflict seen (emits sync.state); IpcCallError not_found when `commandId` is no conflict */
    acknowledgeConflict(commandId: string): SyncState;
  };
  /** set when settings.json was unreadable at start and replaced by defaults */
  readonly settingsRecovered: LoadedSettings['recovered'];
  now(): Date;
  info(): AppInfo;
  settings(): KioskSettings;
  publicSettings(): KioskSettingsPublic;
  setLanguage(language: Language): KioskSettingsPublic;
  identity(): KioskIdentity | undefined;
  /** Enrols this kiosk (see enrolKiosk) and starts syncing as it. */
  enrol(input: { code: string; name: string; cloudUrl?: string }): Promise<KioskIdentity>;
  /** one state per device kind */
  devices(): DeviceState[];
  /** the card the core holds under `cardRef`; IpcCallError card_expired when it holds none */
  heldCard(cardRef: string): HeldIdCard;
  /**
   * one thermometer reading, offset and threshold from the settings as they are now (also emitted as
   * `device.temperature`); IpcCallError device_unavailable without a ready thermometer
   */
  readTemperature(): Promise<TemperatureReading>;
  /**
   * Prints the pass of a visit checked in here on the ESC/POS printer; answers the printer's address.
   * IpcCallError not_found / already_left / pass_* (see CheckInDesk.passToPrint), printer_unavailable, paper_out,
   * printer_failed.
   */
  printPass(visitId: string): Promise<{ printer: string }>;
  close(): Promise<void>;
}

export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { dataDir } = options;
  const now = options.now ?? (() => new Date());
  // the folder holds visitors' data and the kiosk's key: this user's only (0700, files 0600; older files tightened)
  ensurePrivateDir(dataDir);
  for (const file of [settingsPath(dataDir), secretsPath(dataDir)]) tightenFile(file);
  const db = openKioskDb(kioskDbPath(dataDir));

  let identity = readIdentity(db);
  const loaded = loadSettings(dataDir, options.cloudUrl ?? identity?.cloudUrl ?? DEFAULT_CLOUD_URL);
  let settings = loaded.settings;
  if (options.cloudUrl !== undefined && options.cloudUrl !== settings.cloudUrl) settings = saveSettings(dataDir, { ...settings, cloudUrl: options.cloudUrl });

  let secrets: KioskSecrets | undefined;
  try {
    secrets = loadSecrets(dataDir);
  } catch (err) {
    log.error('kiosk secrets unreadable; the kiosk works as not enrolled until it is enrolled again', err);
  }
  if (identity && !secrets) log.error('the kiosk is enrolled but its secrets file is missing; enrol it again');

  const events = new KioskEventBus();
  /** read at each reading: a threshold the cloud changed applies at once */
  const temperaturePolicy = (): TemperaturePolicy => ({ thresholdC: settings.temperatureThresholdC, offsetC: settings.devices.thermometer.offsetC ?? 0 });
  let devices: DevicesPort | undefined;
  try {
    devices = typeof options.devices === 'function' ? await options.devices(settings) : options.devices;
  } catch (err) {
    db.close();
    throw err;
  }
  /** the core's policy over its devices, for its whole life: held cards, masking, readings judged against the live settings */
  const desk: DeviceDesk | undefined = devices
    ? createDeviceDesk({
        devices,
        emit: (name, payload) => events.emit(name, payload),
        temperaturePolicy,
        ...(options.heldCardTtlMs !== undefined ? { cardTtlMs: options.heldCardTtlMs } : {}),
      })
    : undefined;

  /** the devices' printer (they may run simulators), else the settings' */
  const printerKind = () => desk?.devices.printerKind ?? settings.devices.printer.kind;
  const signer = (): KioskSigner | undefined => (identity && secrets ? { identity, privateKey: secrets.privateKey } : undefined);
  const timeZone = () => siteTimeZone(readSyncState(db).site);

  /**
   * Applies the settings the cloud manages, each only when the cloud's value changed since last applied:
   * a local choice (e.g. the language switched at the kiosk) stands until the cloud changes that setting.
   */
  const applyCloudSettings = (cloud: CloudKioskSettings): void => {
    const before = readAppliedCloudSettings(db);
    const changed = <K extends keyof CloudKioskSettings>(key: K) => cloud[key] !== undefined && cloud[key] !== before?.[key];
    const next: KioskSettings = { ...settings };
    if (changed('language') && cloud.language !== undefined) next.language = cloud.language;
    if (changed('temperatureThresholdC') && cloud.temperatureThresholdC !== undefined) next.temperatureThresholdC = cloud.temperatureThresholdC;
    if (changed('retentionDays') && cloud.retentionDays !== undefined) next.retentionDays = cloud.retentionDays;
    if (changed('faceUploadEnabled') && cloud.faceUploadEnabled !== undefined) next.faceUploadEnabled = cloud.faceUploadEnabled;
    if (JSON.stringify(next) !== JSON.stringify(settings)) settings = saveSettings(dataDir, next);
    saveAppliedCloudSettings(db, cloud);
  };

  const purge = () => {
    const n = purgeOlderThan(db, now(), settings.retentionDays);
    if (n.visits + n.bookings + n.commands > 0) log.info(`retention: removed ${n.visits} visits, ${n.bookings} bookings, ${n.commands} commands`);
  };
  purge();

  const engine = new SyncEngine({
    db,
    events,
    now,
    afterSuccessfulRun: purge,
    ...(options.syncTuning?.pullPageSize !== undefined ? { pullPageSize: options.syncTuning.pullPageSize } : {}),
    ...(options.syncTuning?.backoff !== undefined ? { backoff: options.syncTuning.backoff } : {}),
    credentials: () => (identity && secrets ? { identity: { ...identity, cloudUrl: settings.cloudUrl }, credential: secrets.credential } : undefined),
    intervalMs: () => settings.syncIntervalMs,
    applyCloudSettings,
  });

  const checkIn = new CheckInDesk({
    db,
    events,
    now,
    timeZone,
    signer,
    temperatureThresholdC: () => settings.temperatureThresholdC,
    // the visitor's session ends with their check-in: the full ID card is no longer held
    sessionEnded: () => desk?.releaseCards(),
    requestSync: () => void engine.syncNow().catch((err: unknown) => log.error('sync after a local change failed', err)),
  });

  const heldCard = (cardRef: string): HeldIdCard => {
    if (!desk) throw new IpcCallError('card_expired', 'the ID card read is no longer held by the kiosk; place the card again');
    return desk.heldCard(cardRef);
  };
  const walkIn = createWalkInDesk({
    db,
    events,
    now,
    timeZone,
    signer,
    cloudSettings: () => readAppliedCloudSettings(db),
    temperatureThresholdC: () => settings.temperatureThresholdC,
    heldCard,
    releaseCards: () => desk?.releaseCards(),
    requestSync: () => void engine.syncNow().catch((err: unknown) => log.error('sync after a walk-in failed', err)),
    online: () => engine.state().online,
  });

  let closed = false;
  const core: KioskCore = {
    dataDir,
    db,
    events,
    checkIn,
    walkIn,
    sync: {
      now: () => engine.syncNow(),
      state: () => engine.state(),
      conflicts: () => listConflicts(db),
      acknowledgeConflict(commandId) {
        if (!acknowledgeConflict(db, commandId, now())) throw new IpcCallError('not_found', `no conflict with command id ${commandId}`);
        const state = engine.state();
        events.emit('sync.state', state);
        return state;
      },
    },
    settingsRecovered: loaded.recovered,
    now,
    info() {
      const out: AppInfo = {
        version: pkg.version,
        kioskName: settings.kioskName,
        language: settings.language,
        host: options.host ?? 'browser',
        printer: passPrintingOf(printerKind()),
      };
      if (identity) out.kioskId = identity.kioskId;
      const site = readSyncState(db).site;
      if (site) out.siteName = site.name;
      return out;
    },
    settings: () => settings,
    publicSettings: () => KioskSettingsPublicSchema.parse(settings),
    setLanguage(language) {
      settings = saveSettings(dataDir, { ...settings, language });
      return KioskSettingsPublicSchema.parse(settings);
    },
    identity: () => identity,
    async enrol(input) {
      const cloudUrl = input.cloudUrl ?? settings.cloudUrl;
      identity = await enrolKiosk({ dataDir, cloudUrl, code: input.code, name: input.name, db, now });
      secrets = loadSecrets(dataDir);
      settings = loadSettings(dataDir, cloudUrl).settings;
      await engine.syncNow();
      return identity;
    },
    devices: () => allDeviceStates(desk?.devices, now()),
    heldCard,
    async readTemperature() {
      if (!desk) throw new IpcCallError('device_unavailable', 'the thermometer is not ready (not configured)');
      return desk.readTemperature();
    },
    async printPass(visitId) {
      const pass = await checkIn.passToPrint(visitId);
      return desk ? desk.printPass(pass) : printPassOn(undefined, printerKind(), pass);
    },
    async close() {
      if (closed) return;
      closed = true;
      await engine.stop();
      await desk?.close().catch((err: unknown) => log.error('stopping devices failed', err));
      events.clear();
      db.close();
    },
  };

  if (options.autoSync !== false) engine.start();
  return core;
}
