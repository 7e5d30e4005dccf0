/**
 * The kiosk core's composition root: it builds the shared dependencies once (local database, settings and secrets,
 * the event bus, the clock, the device desk, the sync engine), builds each feature once from only what it needs
 * (./features/) and composes their handler tables into one frozen table that dispatchIpcCall (./ipcHandlers.ts) runs.
 * Plain Node: both the Electron shell and the browser shell run exactly this.
 */
import { KioskSettingsPublic, type KioskSettings, type Language } from '../../shared/domain';
import type { AppInfo, DeviceState, SyncConflict, SyncState, TemperatureReading } from '../../shared/ipc';
import type { CloudKioskSettings } from '../../shared/sync';
import pkg from '../../../package.json';
import type { CheckInDesk, KioskSigner } from './checkin';
import { readIdentity, type KioskIdentity } from './db/identityStore';
import { openCheckedKioskDb, type KioskDb } from './db/integrity';
import { readAppliedCloudSettings, readClockOffset, readSyncState, saveAppliedCloudSettings, saveClockOffset } from './db/syncStateStore';
import { createDeviceDesk, devicesToReopen, type DeviceDesk, type DevicesPort, type HeldIdCard, type TemperaturePolicy } from './devices';
import { enrolKiosk, forgetEnrolment } from './enrolment';
import { countPendingRecords } from './db/outboxStore';
import { KioskEventBus } from './events';
import { createLogger } from './log';
import { createPolicyKeeper, visitPolicyOf } from './policy';
import { createAdminAudit } from './admin/audit';
import type { KioskShellControl } from './admin/shellCalls';
import {
  createSettingsAccess,
  DEFAULT_CLOUD_URL,
  loadSecrets,
  loadSecretsAtStart,
  loadSettings,
  saveSettings,
  secretsPath,
  settingsPath,
  type KioskSecrets,
  type LoadedSettings,
} from './settings';
import { siteTimeZone } from '../../shared/siteDay';
import { SyncEngine } from './sync/syncEngine';
import { createCloudClock } from './sync/cloudClock';
import { kioskDirectoryClients } from './sync/directoryClient';
import type { BackoffPolicy } from './sync/backoff';
import { facePhotoDir } from './face/facePhotos';
import { createDataRetention } from './dataRetention';
import type { WalkInDesk } from './walkin';
import type { GateDesk } from './gate';
import { ensurePrivateDir, tightenFile } from '../../platform/privateFiles';
import {
  composeHandlers,
  createAdminFeature,
  createAppFeature,
  createCheckinFeature,
  createDevicesFeature,
  createGateFeature,
  createPassesFeature,
  createSignoutFeature,
  createSyncFeature,
  createWalkinFeature,
  type FeatureHandlers,
  type IpcHandlerTable,
} from './features';

const log = createLogger('core');

export interface KioskCoreOptions {
  dataDir: string;
  /** the cloud to sync with; saved in settings. Default: the settings' (or the enrolment's) URL */
  cloudUrl?: string;
  /** the kiosk's own clock (default the system's); `followCloudClock`: corrected by the offset each pull measures (./sync/cloudClock.ts; default unless `now` is given) */
  now?: () => Date;
  followCloudClock?: boolean;
  /** which shell runs the core (reported by app.info). Default: browser */
  host?: AppInfo['host'];
  /** the shell's kiosk mode (Electron), left only from the admin screen */
  shell?: KioskShellControl;
  /** start periodic sync at once (default true) */
  autoSync?: boolean;
  /**
   * sync tuning; defaults: pages of 500, backoff 1 s → 60 s; a walk-in's host waited for in long-polls of 25 s,
   * 3 s between attempts while the cloud cannot be reached
   */
  syncTuning?: { pullPageSize?: number; backoff?: BackoffPolicy; decisionWaitSeconds?: number; hostWaitRetryMs?: number };
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
  /** every call's handler, composed once from the features' tables and frozen (dispatchIpcCall runs it) */
  readonly handlers: IpcHandlerTable;
  /** the same handlers, by feature (each table covers exactly its feature's calls) */
  readonly handlersByFeature: FeatureHandlers;
  readonly dataDir: string;
  readonly db: KioskDb;
  readonly events: KioskEventBus;
  readonly checkIn: CheckInDesk;
  /** walk-in registration (issue 9) */
  readonly walkIn: WalkInDesk;
  /** gate mode: scans judged offline, entries and exits recorded */
  readonly gate: GateDesk;
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
  /**
   * Changes the settings at runtime (the cloud's, soon the admin screen's): saved, then in effect at once
   * everywhere. Policy values (threshold, thermometer offset) apply at the next use; a device whose opening settings
   * changed (port, enabled, model, printer kind) is reopened with them alone, and the answer waits for that.
   */
  updateSettings(update: (current: KioskSettings) => KioskSettings): Promise<KioskSettings>;
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
  const clock = createCloudClock(options.now ?? (() => new Date()), options.followCloudClock ?? options.now === undefined);
  const now = clock.now;
  // the folder holds visitors' data and the kiosk's key: this user's only (0700, files 0600; older files tightened)
  ensurePrivateDir(dataDir);
  for (const file of [settingsPath(dataDir), secretsPath(dataDir)]) tightenFile(file);
  const db = openCheckedKioskDb(dataDir, now()); // a damaged database: KioskDatabaseDamagedError (./db/integrity.ts)
  clock.keep({ load: () => readClockOffset(db), save: (ms) => saveClockOffset(db, ms) }); // the last offset, across restarts

  // ---- shared dependencies, built once -----------------------------------------------------------------
  let identity = readIdentity(db);
  const loaded = loadSettings(dataDir, options.cloudUrl ?? identity?.cloudUrl ?? DEFAULT_CLOUD_URL);
  let initialSettings = loaded.settings;
  if (options.cloudUrl !== undefined && options.cloudUrl !== initialSettings.cloudUrl) {
    initialSettings = saveSettings(dataDir, { ...initialSettings, cloudUrl: options.cloudUrl });
  }
  const settings = createSettingsAccess(dataDir, initialSettings);

  let secrets: KioskSecrets | undefined = loadSecretsAtStart(dataDir, identity !== undefined);

  const events = new KioskEventBus();
  /** read at each reading: a threshold the cloud changed applies at once */
  const temperaturePolicy = (): TemperaturePolicy => {
    const s = settings.current();
    return { thresholdC: s.temperatureThresholdC, offsetC: s.devices.thermometer.offsetC ?? 0 };
  };
  let devices: DevicesPort | undefined;
  try {
    devices = typeof options.devices === 'function' ? await options.devices(settings.current()) : options.devices;
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

  /** a device whose opening settings changed is reopened with them (one after another); policy is read live */
  let reconfiguring: Promise<void> = Promise.resolve();
  const reconfigure = devices?.reconfigure?.bind(devices);
  const stopReconfiguring = settings.onChange((next, previous) => {
    events.emit('settings.changed', KioskSettingsPublic.parse(next));
    const kinds = reconfigure ? devicesToReopen(previous.devices, next.devices) : [];
    for (const kind of kinds) {
      reconfiguring = reconfiguring
        .then(() => reconfigure?.(kind, next.devices))
        .catch((err: unknown) => log.error(`reopening the ${kind} with its new settings failed`, err));
    }
  });

  /** the devices' printer (they may run simulators), else the settings' */
  const printerKind = () => desk?.devices.printerKind ?? settings.current().devices.printer.kind;
  const signer = (): KioskSigner | undefined => (identity && secrets ? { identity, privateKey: secrets.privateKey } : undefined);
  const timeZone = () => siteTimeZone(readSyncState(db).site);

  /** the policy in layers (src/main/core/policy.ts); the rest of the cloud's settings each when its value changed */
  const policy = createPolicyKeeper({ db, settings });
  policy.enforceLocks();
  const applyCloudSettings = (cloud: CloudKioskSettings, cloudPolicy: unknown): string | undefined => {
    const error = policy.applyCloud(cloudPolicy, cloud);
    saveAppliedCloudSettings(db, cloud);
    return error;
  };

  const retention = createDataRetention({ db, dataDir, now, retentionDays: () => settings.current().retentionDays, log }); // runs once now

  const engine = new SyncEngine({
    db,
    events,
    now,
    afterSuccessfulRun: retention.run,
    clockProbe: clock.probe,
    ...(options.syncTuning?.pullPageSize !== undefined ? { pullPageSize: options.syncTuning.pullPageSize } : {}),
    ...(options.syncTuning?.backoff !== undefined ? { backoff: options.syncTuning.backoff } : {}),
    credentials: () => (identity && secrets ? { identity: { ...identity, cloudUrl: settings.current().cloudUrl }, credential: secrets.credential } : undefined),
    intervalMs: () => settings.current().syncIntervalMs,
    applyCloudSettings,
    version: pkg.version,
  });

  const directoryFor = kioskDirectoryClients();

  // ---- the features, each built once from what it needs --------------------------------------------------
  const app = createAppFeature({
    settings,
    identity: () => identity,
    siteName: () => readSyncState(db).site?.name,
    shell: options.host ?? 'browser',
    version: pkg.version,
    printerKind,
  });
  const sync = createSyncFeature({ db, events, now, engine });
  const devicesFeature = createDevicesFeature({ desk, now, printerKind });
  const checkin = createCheckinFeature({
    db,
    events,
    now,
    timeZone,
    signer,
    earlyArrivalMinutes: () => visitPolicyOf(settings.current()).earlyArrivalMinutes,
    passShows: () => visitPolicyOf(settings.current()).passShows,
    temperatureThresholdC: () => settings.current().temperatureThresholdC,
    facePhotoDir: facePhotoDir(dataDir),
    faceUploadAllowed: () => settings.current().faceUploadAllowed,
    cards: devicesFeature,
    requestSync: () => engine.requestSoon('a local change'),
  });
  const signout = createSignoutFeature({ visits: checkin.desk });
  const passes = createPassesFeature({ passes: checkin.desk, print: (pass) => devicesFeature.print(pass) });
  const walkin = createWalkinFeature({
    db,
    events,
    now,
    timeZone,
    signer,
    cloudSettings: () => readAppliedCloudSettings(db),
    visitPolicy: () => visitPolicyOf(settings.current()),
    temperatureThresholdC: () => settings.current().temperatureThresholdC,
    heldCard: (cardRef) => devicesFeature.heldCard(cardRef),
    releaseCards: () => void devicesFeature.releaseCards(),
    keepCardsForNextRead: () => devicesFeature.keepCardsForNextRead(),
    facePhotoDir: facePhotoDir(dataDir),
    faceUploadAllowed: () => settings.current().faceUploadAllowed,
    staffSession: (token) => admin.sessions.use(token)?.role,
    audit: { record: (action, detail) => audit.record(action, detail) },
    requestSync: () => engine.requestSoon('a walk-in'),
    online: () => engine.state().online,
    directory: () => directoryFor(identity && secrets ? { cloudUrl: settings.current().cloudUrl, credential: secrets.credential } : undefined),
    syncNow: () => engine.syncNow(),
    checkIn: (bookingId) => checkin.desk.confirmCheckIn({ bookingId }),
    ...(options.syncTuning?.decisionWaitSeconds !== undefined ? { decisionWaitSeconds: options.syncTuning.decisionWaitSeconds } : {}),
    ...(options.syncTuning?.hostWaitRetryMs !== undefined ? { hostWaitRetryMs: options.syncTuning.hostWaitRetryMs } : {}),
  });

  const updateSettings = async (update: (current: KioskSettings) => KioskSettings): Promise<KioskSettings> => {
    settings.save(update(settings.current()));
    await reconfiguring;
    return settings.current();
  };
  const audit = createAdminAudit({ db, now, signer });
  /** enrols (again): the new identity syncs from then on (a revoked one's backoff forgotten) */
  const enrol = async (input: { code: string; name: string; cloudUrl?: string; discardPending?: boolean }): Promise<KioskIdentity> => {
    const cloudUrl = input.cloudUrl ?? settings.current().cloudUrl;
    const discard = input.discardPending === true ? { discardPending: true } : {};
    identity = await enrolKiosk({ dataDir, cloudUrl, code: input.code, name: input.name, db, now, ...discard });
    secrets = loadSecrets(dataDir);
    settings.reload(cloudUrl);
    await engine.syncNow();
    return identity;
  };
  const admin = createAdminFeature({
    db,
    now,
    settings,
    updateSettings,
    policy,
    audit,
    devices: devicesFeature,
    printerKind,
    syncState: () => engine.state(),
    info: () => app.info(),
    dataDir,
    shell: options.shell,
    deviceSetup: { detect: devices?.detect?.bind(devices), events },
    enrolment: {
      identity: () => identity,
      siteName: () => readSyncState(db).site?.name,
      settings: () => settings.current(),
      pendingCommands: () => countPendingRecords(db),
      enrol,
      async leave() {
        await engine.syncNow().catch(() => undefined); // the audit entry of leaving, if the cloud still listens
        forgetEnrolment(dataDir, db);
        identity = undefined;
        secrets = undefined;
        await engine.syncNow();
      },
    },
  });

  const gate = createGateFeature({
    db,
    now,
    signer,
    settings,
    passes: checkin.desk,
    requestSync: () => engine.requestSoon('a gate passage'),
  });

  const handlers = composeHandlers({
    app: app.handlers,
    sync: sync.handlers,
    checkin: checkin.handlers,
    signout: signout.handlers,
    passes: passes.handlers,
    devices: devicesFeature.handlers,
    walkin: walkin.handlers,
    admin: admin.handlers,
    gate: gate.handlers,
  });

  let closed = false;
  const core: KioskCore = {
    handlers: handlers.table,
    handlersByFeature: handlers.byFeature,
    dataDir,
    db,
    events,
    checkIn: checkin.desk,
    walkIn: walkin.desk,
    gate: gate.desk,
    sync: {
      now: () => sync.now(),
      state: () => sync.state(),
      conflicts: () => sync.conflicts(),
      acknowledgeConflict: (commandId) => sync.acknowledgeConflict(commandId),
    },
    settingsRecovered: loaded.recovered,
    now,
    info: () => app.info(),
    settings: () => settings.current(),
    publicSettings: () => app.publicSettings(),
    setLanguage: (language) => app.setLanguage(language),
    updateSettings,
    identity: () => identity,
    enrol: (input) => enrol(input),
    devices: () => devicesFeature.list(),
    heldCard: (cardRef) => devicesFeature.heldCard(cardRef),
    readTemperature: () => devicesFeature.readTemperature(),
    printPass: (visitId) => passes.printPass(visitId),
    async close() {
      if (closed) return;
      closed = true;
      await walkin.desk.hostApprovals.close();
      await engine.stop();
      retention.stop();
      stopReconfiguring();
      await reconfiguring;
      await desk?.close().catch((err: unknown) => log.error('stopping devices failed', err));
      events.clear();
      db.close();
    },
  };

  // walk-ins that waited for their host when the kiosk stopped: waiting again (issue 9)
  walkin.desk.hostApprovals.resume();
  if (options.autoSync !== false) engine.start();
  return Object.freeze(core);
}
