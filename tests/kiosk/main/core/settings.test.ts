import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecrets, loadSettings, saveSecrets, saveSettings, SettingsError, settingsPath } from '../../../../src/main/core/settings';
import { tempDir } from '../../../support/kiosk/helpers';
import { withLog } from '../../../support/kiosk/swapLog';

describe('kiosk settings', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const t = tempDir();
    dirs.push(t);
    return t.dir;
  };

  it('start from schema defaults and write them', () => {
    const d = dir();
    const { settings, recovered } = loadSettings(d, 'http://127.0.0.1:1234');
    expect(recovered).toBeUndefined();
    expect(settings).toMatchObject({ version: 2, cloudUrl: 'http://127.0.0.1:1234', language: 'zh-CN', syncIntervalMs: 15_000 });
    expect(JSON.parse(readFileSync(settingsPath(d), 'utf8'))).toEqual(settings);
  });

  it('fill defaults for fields a version-1 file lacks and keep the ones it has', () => {
    const d = dir();
    writeFileSync(settingsPath(d), JSON.stringify({ version: 1, cloudUrl: 'http://cloud.example', language: 'en' }));
    const { settings } = loadSettings(d);
    expect(settings).toMatchObject({ cloudUrl: 'http://cloud.example', language: 'en', temperatureThresholdC: 37.3, devices: { printer: { kind: 'none' } } });
  });

  it('write atomically: no temp files left, the content replaced whole', () => {
    const d = dir();
    const { settings } = loadSettings(d);
    saveSettings(d, { ...settings, language: 'en' });
    expect(readdirSync(d)).toEqual(['settings.json']);
    expect((JSON.parse(readFileSync(settingsPath(d), 'utf8')) as Record<string, unknown>).language).toBe('en');
  });

  it('refuse to save invalid settings and keep the file as it was', () => {
    const d = dir();
    const { settings } = loadSettings(d);
    expect(() => saveSettings(d, { ...settings, syncIntervalMs: 5 })).toThrow();
    expect((JSON.parse(readFileSync(settingsPath(d), 'utf8')) as Record<string, unknown>).syncIntervalMs).toBe(15_000);
  });

  it('survive a corrupt file: clear error logged, defaults used, the bad file kept as a backup', () => {
    const d = dir();
    writeFileSync(settingsPath(d), '{"version": 1, "cloudUrl": ');
    const lines: string[] = [];
    const { settings, recovered } = withLog(
      (l) => lines.push(l),
      () => loadSettings(d, 'http://127.0.0.1:1'),
    );
    expect(settings.language).toBe('zh-CN');
    expect(recovered?.backupPath).toMatch(/settings\.json\.corrupt-/);
    expect(readFileSync(recovered!.backupPath, 'utf8')).toBe('{"version": 1, "cloudUrl": ');
    expect(lines.join('\n')).toMatch(/settings\.json was unreadable/);
  });

  it('treat a schema-invalid file like a corrupt one', () => {
    const d = dir();
    writeFileSync(settingsPath(d), JSON.stringify({ version: 1, cloudUrl: 'http://x', syncIntervalMs: 'often' }));
    const { recovered } = withLog(
      () => {},
      () => loadSettings(d),
    );
    expect(recovered?.reason).toMatch(/syncIntervalMs/);
  });

  it('refuse a newer settings version and leave the file untouched', () => {
    const d = dir();
    writeFileSync(settingsPath(d), JSON.stringify({ version: 3, cloudUrl: 'http://x' }));
    expect(() => loadSettings(d)).toThrow(SettingsError);
    // a message a person can act on, with the code the screen words (settings_newer)
    expect(() => loadSettings(d)).toThrow(/settings\.json is version 3, newer than this Passdesk understands \(2\); it was left untouched/);
    expect(() => loadSettings(d)).toThrow(expect.objectContaining({ code: 'settings_newer' }));
    expect((JSON.parse(readFileSync(settingsPath(d), 'utf8')) as Record<string, unknown>).version).toBe(3);
  });

  it('upgrade a version-1 file to version 2: its values kept, the PIN and idle defaults added, a foreign adminPinHash dropped', () => {
    const d = dir();
    writeFileSync(
      settingsPath(d),
      JSON.stringify({ version: 1, cloudUrl: 'http://cloud.example', language: 'en', temperatureThresholdC: 37.5, adminPinHash: 'plain-1234' }),
    );
    const { settings, recovered } = withLog(
      () => {},
      () => loadSettings(d),
    );
    expect(recovered).toBeUndefined();
    expect(settings).toMatchObject({ version: 2, language: 'en', temperatureThresholdC: 37.5, idleTimeoutS: 60, adminLockAfterS: 120 });
    expect(settings.adminPinHash).toBeUndefined();
    expect(settings.staffPinHash).toBeUndefined();
    // a version-1 file with a well-formed hash keeps it
    const hash = `scrypt$32768$8$1$${'A'.repeat(22)}$${'B'.repeat(43)}`;
    writeFileSync(settingsPath(d), JSON.stringify({ version: 1, cloudUrl: 'http://cloud.example', adminPinHash: hash }));
    expect(loadSettings(d).settings).toMatchObject({ version: 2, adminPinHash: hash });
  });

  it('keep secrets in their own file with mode 0600', () => {
    const d = dir();
    saveSecrets(d, { version: 1, privateKey: 'k'.repeat(64), credential: 'c'.repeat(40) });
    const path = join(d, 'secrets.json');
    expect(existsSync(path)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadSecrets(d)?.credential).toBe('c'.repeat(40));
    const { settings } = loadSettings(d);
    expect(JSON.stringify(settings)).not.toContain('c'.repeat(40));
  });
});
