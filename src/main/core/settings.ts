/**
 * Kiosk settings (settings.json, versioned, defaults filled by the KioskSettings schema) and kiosk secrets
 * (secrets.json, mode 0600: the private key and the cloud credential). Both are written atomically.
 * Secrets never leave the core: nothing here is reachable from the renderer.
 */
import { chmodSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KioskSettings, PinHash } from '../../shared/domain';
import { IpcCallError, type SettingsErrorCode } from '../../shared/errorCodes';
import { writeFileAtomic } from './atomicFile';
import { createLogger } from './log';
import { messageOf } from '../../shared/errorText';

const log = createLogger('settings');

export const SETTINGS_FILE = 'settings.json';
export const SECRETS_FILE = 'secrets.json';
export const SETTINGS_VERSION = 2;
export const DEFAULT_CLOUD_URL = 'http://127.0.0.1:8787';

/** settings.json / secrets.json the core cannot use: one of the desk's coded errors, shown to staff. */
export class SettingsError extends IpcCallError<SettingsErrorCode> {
  constructor(code: SettingsErrorCode, message: string) {
    super(code, message);
    this.name = 'SettingsError';
  }
}

export const settingsPath = (dataDir: string) => join(dataDir, SETTINGS_FILE);
export const secretsPath = (dataDir: string) => join(dataDir, SECRETS_FILE);

/**
 * Upgrades an older settings object to the current version. Each entry takes version N to N+1; the loader already
 * refuses newer files.
 */
const upgrades: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  /**
   * 1 → 2: the PINs (admin, now written as a scrypt hash, and staff), idle and lock times (defaults). Version 1 had
   * no writer of adminPinHash: a value that is no scrypt hash of ours is dropped (the kiosk asks for a PIN at its
   * screen) rather than making the whole file invalid.
   */
  1: (old) => {
    const { adminPinHash, ...rest } = old;
    if (adminPinHash === undefined || PinHash.safeParse(adminPinHash).success) return old;
    log.warn('settings.json version 1 held an adminPinHash that is no scrypt hash: dropped, the admin PIN is set again at the kiosk');
    return rest;
  },
};

export interface LoadedSettings {
  settings: KioskSettings;
  /** set when the file on disk was unreadable and was replaced by defaults (the bad file is kept beside it) */
  recovered?: { backupPath: string; reason: string };
}

export function defaultSettings(cloudUrl: string = DEFAULT_CLOUD_URL): KioskSettings {
  return KioskSettings.parse({ version: SETTINGS_VERSION, cloudUrl });
}

function upgrade(raw: Record<string, unknown>): Record<string, unknown> {
  let current = raw;
  let version = typeof current.version === 'number' ? current.version : SETTINGS_VERSION;
  if (version > SETTINGS_VERSION) {
    throw new SettingsError(
      'settings_newer',
      `settings.json is version ${version}, newer than this Passdesk understands (${SETTINGS_VERSION}); it was left untouched`,
    );
  }
  while (version < SETTINGS_VERSION) {
    const step = upgrades[version];
    if (!step) throw new SettingsError('settings_invalid', `no upgrade from settings version ${version}`);
    current = step(current);
    version += 1;
  }
  return { ...current, version };
}

function moveAside(path: string): string {
  const backupPath = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backupPath);
  return backupPath;
}

/**
 * Reads settings, filling defaults. No file: defaults (written). Unreadable or invalid file: moved aside
 * as settings.json.corrupt-<time>, defaults written, `recovered` says why. A newer version: SettingsError.
 */
export function loadSettings(dataDir: string, fallbackCloudUrl: string = DEFAULT_CLOUD_URL): LoadedSettings {
  const path = settingsPath(dataDir);
  if (!existsSync(path)) {
    const settings = defaultSettings(fallbackCloudUrl);
    saveSettings(dataDir, settings);
    return { settings };
  }
  let reason: string;
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SettingsError('settings_invalid', 'not a JSON object');
    const parsed = KioskSettings.safeParse(upgrade({ cloudUrl: fallbackCloudUrl, ...(raw as Record<string, unknown>) }));
    if (parsed.success) return { settings: parsed.data };
    reason = z.prettifyError(parsed.error);
  } catch (err) {
    if (err instanceof SettingsError && err.code === 'settings_newer') throw err;
    reason = messageOf(err);
  }
  const backupPath = moveAside(path);
  log.error(`settings.json was unreadable (${reason}); kept it as ${backupPath} and started from defaults`);
  const settings = defaultSettings(fallbackCloudUrl);
  saveSettings(dataDir, settings);
  return { settings, recovered: { backupPath, reason } };
}

export function saveSettings(dataDir: string, settings: KioskSettings): KioskSettings {
  const valid = KioskSettings.parse(settings);
  writeFileAtomic(settingsPath(dataDir), `${JSON.stringify(valid, null, 2)}\n`);
  return valid;
}

/**
 * The kiosk's live settings, as every part of the core reads them: `current()` at each use, so that a change
 * (from the cloud, the language switch, soon the admin screen) applies at once. A change is saved before it is
 * current, and its listeners hear it after.
 */
export interface SettingsAccess {
  current(): KioskSettings;
  /** validates and saves `next`, makes it current and tells the listeners; answers it as saved */
  save(next: KioskSettings): KioskSettings;
  /** reads settings.json again (after enrolment wrote it) and tells the listeners */
  reload(fallbackCloudUrl: string): KioskSettings;
  /** every change from now on, with the settings before it; returns the unsubscribe */
  onChange(listener: (next: KioskSettings, previous: KioskSettings) => void): () => void;
}

export function createSettingsAccess(dataDir: string, initial: KioskSettings): SettingsAccess {
  let settings = initial;
  const listeners = new Set<(next: KioskSettings, previous: KioskSettings) => void>();
  const become = (next: KioskSettings): KioskSettings => {
    const previous = settings;
    settings = next;
    for (const l of [...listeners]) {
      try {
        l(next, previous);
      } catch (err) {
        log.error('a settings listener failed', err);
      }
    }
    return next;
  };
  return {
    current: () => settings,
    save: (next) => become(saveSettings(dataDir, next)),
    reload: (fallbackCloudUrl) => become(loadSettings(dataDir, fallbackCloudUrl).settings),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// ---- secrets ---------------------------------------------------------------------------------------
export const KioskSecrets = z.object({
  version: z.literal(1),
  /** PKCS#8 Ed25519 private key, base64url */
  privateKey: z.string().min(40),
  /** bearer credential for the sync endpoints */
  credential: z.string().min(32),
});
export type KioskSecrets = z.infer<typeof KioskSecrets>;

export function loadSecrets(dataDir: string): KioskSecrets | undefined {
  const path = secretsPath(dataDir);
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new SettingsError('secrets_invalid', 'secrets.json is not valid JSON; re-enrol the kiosk');
  }
  const parsed = KioskSecrets.safeParse(raw);
  if (!parsed.success) throw new SettingsError('secrets_invalid', 'secrets.json has the wrong shape; re-enrol the kiosk');
  return parsed.data;
}

export function saveSecrets(dataDir: string, secrets: KioskSecrets): void {
  const path = secretsPath(dataDir);
  writeFileAtomic(path, JSON.stringify(KioskSecrets.parse(secrets)), 0o600);
  try {
    chmodSync(path, 0o600);
  } catch {
    // Windows has no POSIX modes; the data dir's ACL protects it there
  }
}

/**
 * The secrets at start: unreadable ones are said in the log and the kiosk works as not enrolled until it is enrolled
 * again (so is an enrolled kiosk whose secrets file is missing).
 */
export function loadSecretsAtStart(dataDir: string, enrolled: boolean): KioskSecrets | undefined {
  let secrets: KioskSecrets | undefined;
  try {
    secrets = loadSecrets(dataDir);
  } catch (err) {
    log.error('kiosk secrets unreadable; the kiosk works as not enrolled until it is enrolled again', err);
  }
  if (enrolled && !secrets) log.error('the kiosk is enrolled but its secrets file is missing; enrol it again');
  return secrets;
}
