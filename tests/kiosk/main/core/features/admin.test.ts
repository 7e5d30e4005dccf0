/**
 * Kiosk administration at the dispatch level (what the renderer can reach): a real core on real SQLite with a fake
 * clock. The core, not the renderer, decides: admin calls without a valid session are refused, a staff session gets
 * only staff rights, wrong PINs back off and the backoff survives a restart, and no PIN is ever logged.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { settingsPath } from '../../../../../src/main/core/settings';
import { adminCalls } from '../../../../../src/shared/contract/admin';
import type { IpcCallName } from '../../../../../src/shared/ipc';
import { OFFLINE_CLOUD_URL, output, tempDir } from '../../../../support/kiosk/helpers';
import { swapLog } from '../../../../support/kiosk/swapLog';
import { POLICY_DEFAULTS } from '../../../../../src/shared/policy';

const ADMIN_PIN = '204817';
const STAFF_PIN = '551093';
const { faceUploadAllowed: _theSites, ...SCREEN_DEFAULTS } = POLICY_DEFAULTS;
/** the admin screen sends every key it shows */
const POLICY = { ...SCREEN_DEFAULTS, temperatureThresholdC: 37.0, thermometerOffsetC: 0.3, idleTimeoutS: 60, retentionDays: 30, language: 'en' as const };

describe('admin feature', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let clock: number;
  let logs: string[];
  let restoreLog: () => void;
  const open = () => createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false, now: () => new Date(clock) });
  const call = (name: IpcCallName, input: unknown) => dispatchIpcCall(core, name, input);
  const tick = (ms: number) => {
    clock += ms;
  };
  const setup = async () => output('admin.setupPin', await call('admin.setupPin', { pin: ADMIN_PIN })).token;
  const unlock = async (pin: string) => output('admin.unlock', await call('admin.unlock', { pin }));
  const codeOf = async (name: IpcCallName, input: unknown) => {
    const r = await call(name, input);
    return r.ok ? 'ok' : r.error.code;
  };

  beforeEach(async () => {
    t = tempDir();
    clock = Date.parse('2026-11-22T09:00:00.000Z');
    logs = [];
    restoreLog = swapLog((l) => logs.push(l), 'info');
    core = await open();
  });
  afterEach(async () => {
    try {
      await core.close();
    } finally {
      restoreLog();
      t.cleanup();
    }
  });

  it('on first use asks for an admin PIN, refuses weak ones, stores only a scrypt hash, and opens an admin session', async () => {
    expect(output('admin.status', await call('admin.status', {}))).toMatchObject({ adminPinSet: false, staffPinSet: false, lockAfterS: 120 });
    expect(await codeOf('admin.unlock', { pin: ADMIN_PIN })).toBe('admin_pin_not_set');
    for (const weak of ['12345', '000000', '123456', '987654', '1234567890123']) {
      expect(await codeOf('admin.setupPin', { pin: weak }), weak).toMatch(/admin_pin_weak|bad_input/);
    }
    const session = output('admin.setupPin', await call('admin.setupPin', { pin: ADMIN_PIN }));
    expect(session).toMatchObject({ role: 'admin', expiresAt: new Date(clock + 120_000).toISOString() });
    const file = readFileSync(settingsPath(t.dir), 'utf8');
    expect(file).not.toContain(ADMIN_PIN);
    const saved = JSON.parse(file) as { version: number; adminPinHash?: string };
    expect(saved.version).toBe(2);
    expect(saved.adminPinHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    // a second first use is refused: the PIN is changed only with the current one
    expect(await codeOf('admin.setupPin', { pin: '860412' })).toBe('admin_pin_set');
    // the renderer never sees the hashes
    expect(JSON.stringify(await call('settings.get', {}))).not.toMatch(/PinHash|scrypt/);
  });

  it('refuses every admin call without a valid session, whatever the renderer sends', async () => {
    const token = await setup();
    const guarded = (Object.keys(adminCalls) as IpcCallName[]).filter((n) => !['admin.status', 'admin.setupPin', 'admin.unlock', 'admin.lock'].includes(n));
    const inputs: Record<string, object> = {
      'admin.changePin': { current: ADMIN_PIN, pin: '860412' },
      'admin.setStaffPin': { pin: STAFF_PIN },
      'admin.updatePolicy': { policy: POLICY },
      'admin.enrol': { cloudUrl: 'http://127.0.0.1:9', code: 'ABCD-2345', name: 'Desk' },
      'admin.exportLogs': { folder: t.dir },
    };
    for (const name of guarded) {
      expect(await codeOf(name, { ...inputs[name] }), `${name} without a session`).toBe('bad_input');
      expect(await codeOf(name, { session: 'x'.repeat(43), ...inputs[name] }), `${name} with a made-up token`).toBe('admin_locked');
    }
    expect(await codeOf('admin.overview', { session: token })).toBe('ok');
    await call('admin.lock', { session: token });
    for (const name of guarded) expect(await codeOf(name, { session: token, ...inputs[name] }), `${name} after lock`).toBe('admin_locked');
    expect(core.settings().temperatureThresholdC).toBe(37.3);
    expect(output('admin.status', await call('admin.status', { session: token })).session).toBeUndefined();
  });

  it('locks after the inactivity time; each call keeps the session alive', async () => {
    const token = await setup();
    tick(119_000);
    expect(output('admin.status', await call('admin.status', { session: token })).session?.role).toBe('admin');
    tick(119_000);
    expect(await codeOf('admin.overview', { session: token })).toBe('ok');
    tick(120_000);
    expect(await codeOf('admin.overview', { session: token })).toBe('admin_locked');
    // and stays locked
    tick(-60_000);
    expect(await codeOf('admin.overview', { session: token })).toBe('admin_locked');
  });

  it('backs off wrong PINs 1 s, 2 s, 4 s … without trying the PIN meanwhile, and logs each attempt without the PIN', async () => {
    await setup();
    let r = await unlock('999111');
    expect(r).toEqual({ ok: false, reason: 'wrong_pin', retryAt: new Date(clock + 1000).toISOString() });
    // while waiting, even the right PIN is not tried
    expect(await unlock(ADMIN_PIN)).toEqual({ ok: false, reason: 'wait', retryAt: new Date(clock + 1000).toISOString() });
    tick(1000);
    r = await unlock('999112');
    expect(r).toMatchObject({ ok: false, reason: 'wrong_pin', retryAt: new Date(clock + 2000).toISOString() });
    tick(2000);
    r = await unlock('999113');
    expect(r).toMatchObject({ ok: false, reason: 'wrong_pin', retryAt: new Date(clock + 4000).toISOString() });
    expect(output('admin.status', await call('admin.status', {})).waitUntil).toBe(new Date(clock + 4000).toISOString());
    tick(4000);
    expect(await unlock(ADMIN_PIN)).toMatchObject({ ok: true, session: { role: 'admin' } });
    // a success starts the count again
    expect(await unlock('999114')).toMatchObject({ retryAt: new Date(clock + 1000).toISOString() });
    const text = logs.join('\n');
    expect(text).toMatch(/wrong PIN \(3 in a row\)/);
    expect(text).toMatch(/attempt refused, waiting/);
    expect(text).toMatch(/admin session opened/);
    for (const pin of [ADMIN_PIN, '999111', '999112', '999113', '999114']) expect(text).not.toContain(pin);
  });

  it('caps the wait at 5 minutes and keeps it across a restart of the core', async () => {
    await setup();
    for (let i = 0; i < 12; i++) {
      const r = await unlock(`90${String(i).padStart(4, '7')}`);
      expect(r.ok).toBe(false);
      if (!r.ok) tick(Date.parse(r.retryAt) - clock);
    }
    const r = await unlock('777001');
    expect(r).toMatchObject({ ok: false, reason: 'wrong_pin', retryAt: new Date(clock + 300_000).toISOString() });
    await core.close();
    tick(60_000);
    core = await open();
    // after the restart the pad still waits the remaining 4 minutes
    expect(await unlock(ADMIN_PIN)).toEqual({ ok: false, reason: 'wait', retryAt: new Date(clock + 240_000).toISOString() });
    expect(output('admin.status', await call('admin.status', {})).waitUntil).toBe(new Date(clock + 240_000).toISOString());
    tick(240_000);
    expect(await unlock(ADMIN_PIN)).toMatchObject({ ok: true });
  });

  it('gives a staff PIN only staff rights, and keeps the two PINs different', async () => {
    const admin = await setup();
    expect(await codeOf('admin.setStaffPin', { session: admin, pin: ADMIN_PIN })).toBe('admin_pin_same');
    expect(await codeOf('admin.setStaffPin', { session: admin, pin: '111111' })).toBe('admin_pin_weak');
    expect(output('admin.setStaffPin', await call('admin.setStaffPin', { session: admin, pin: STAFF_PIN }))).toMatchObject({ staffPinSet: true });
    const r = await unlock(STAFF_PIN);
    expect(r).toMatchObject({ ok: true, session: { role: 'staff' } });
    const staff = r.ok ? r.session.token : '';
    expect(output('admin.status', await call('admin.status', { session: staff })).session?.role).toBe('staff');
    for (const [name, input] of [
      ['admin.overview', {}],
      ['admin.updatePolicy', { policy: POLICY }],
      ['admin.changePin', { current: STAFF_PIN, pin: '860412' }],
      ['admin.setStaffPin', { pin: null }],
      ['admin.testThermometer', {}],
      ['admin.testPrinter', {}],
      ['admin.checkDatabase', {}],
    ] as const) {
      expect(await codeOf(name, { session: staff, ...input }), name).toBe('admin_forbidden');
    }
    expect(core.settings().temperatureThresholdC).toBe(37.3);
    // the admin's unlock replaced the staff session
    const again = await unlock(ADMIN_PIN);
    expect(again).toMatchObject({ ok: true, session: { role: 'admin' } });
    expect(await codeOf('admin.status', { session: staff })).toBe('ok');
    expect(output('admin.status', await call('admin.status', { session: staff })).session).toBeUndefined();
  });

  it('changes the admin PIN only with the current one (a wrong one counts as a wrong PIN)', async () => {
    const token = await setup();
    expect(await codeOf('admin.changePin', { session: token, current: '999111', pin: '860412' })).toBe('admin_pin_wrong');
    expect(await codeOf('admin.changePin', { session: token, current: ADMIN_PIN, pin: '860412' })).toBe('admin_wait');
    tick(1000);
    expect(await codeOf('admin.changePin', { session: token, current: ADMIN_PIN, pin: '222222' })).toBe('admin_pin_weak');
    expect(await codeOf('admin.changePin', { session: token, current: ADMIN_PIN, pin: '860412' })).toBe('ok');
    expect(await unlock(ADMIN_PIN)).toMatchObject({ ok: false, reason: 'wrong_pin' });
    tick(1000);
    expect(await unlock('860412')).toMatchObject({ ok: true, session: { role: 'admin' } });
  });

  it('saves the policy through the settings, in effect at once, and reports devices, sync and about', async () => {
    const token = await setup();
    expect(output('admin.updatePolicy', await call('admin.updatePolicy', { session: token, policy: POLICY }))).toEqual(POLICY);
    expect(core.settings()).toMatchObject({
      temperatureThresholdC: 37.0,
      idleTimeoutS: 60,
      retentionDays: 30,
      language: 'en',
      devices: { thermometer: { offsetC: 0.3 } },
    });
    expect(JSON.parse(readFileSync(settingsPath(t.dir), 'utf8'))).toMatchObject({ temperatureThresholdC: 37.0, idleTimeoutS: 60 });
    expect(output('settings.get', await call('settings.get', {}))).toMatchObject({ language: 'en', idleTimeoutS: 60 });
    // out-of-range values never reach the settings
    expect(await codeOf('admin.updatePolicy', { session: token, policy: { ...POLICY, temperatureThresholdC: 45 } })).toBe('bad_input');
    expect(await codeOf('admin.updatePolicy', { session: token, policy: { ...POLICY, idleTimeoutS: 5 } })).toBe('bad_input');
    expect(await codeOf('admin.updatePolicy', { session: token, policy: { ...POLICY, retentionDays: 0 } })).toBe('bad_input');
    expect(core.settings().temperatureThresholdC).toBe(37.0);

    const overview = output('admin.overview', await call('admin.overview', { session: token }));
    expect(overview.policy).toEqual(POLICY);
    expect(overview.devices.map((d) => d.kind)).toContain('thermometer');
    expect(overview.sync).toMatchObject({ phase: 'unenrolled' });
    expect(overview.about).toMatchObject({ dataDir: t.dir, shell: 'browser', kioskName: 'Front desk' });
    expect(overview.about.dataBytes).toBeGreaterThan(0);
    expect(output('admin.checkDatabase', await call('admin.checkDatabase', { session: token }))).toEqual({ ok: true, problems: [] });
    expect(output('admin.testPrinter', await call('admin.testPrinter', { session: token }))).toEqual({ result: 'not_configured' });
    expect(await codeOf('admin.testThermometer', { session: token })).toBe('device_unavailable');
    expect(logs.join('\n')).toMatch(/temperatureThresholdC 37.3 → 37/);
  });

  it('checks PINs one at a time: parallel guesses cannot outrun the backoff', async () => {
    await setup();
    const results = await Promise.all(['100001', '100002', '100003', '100004', '100005'].map((pin) => unlock(pin)));
    expect(results.filter((r) => !r.ok && r.reason === 'wrong_pin')).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'wait')).toHaveLength(4);
  });
});
