/** dispatchIpcCall over a real (unenrolled, then locally enrolled) core: contract validation and error mapping. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../src/main/core/kioskCore';
import { contractFeatures, DeviceKind, ipcCalls } from '../../../../src/shared/ipc';
import { readFileSync } from 'node:fs';
import { settingsPath } from '../../../../src/main/core/settings';
import { createDeviceManager } from '../../../../src/main/devices/manager/deviceManager';
import { KioskDeviceSettings } from '../../../../src/shared/domain';
import { makeBooking, OFFLINE_CLOUD_URL, seedHostAndBookings, tempDir, writeLocalIdentity } from '../../../support/kiosk/helpers';

describe('dispatchIpcCall', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  beforeEach(async () => {
    t = tempDir();
    core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('has a handler for every call of the contract', () => {
    expect(Object.keys(core.handlers).sort()).toEqual(Object.keys(ipcCalls).sort());
  });

  it('composes the features’ handler tables, each covering exactly its feature’s calls, into one frozen table', () => {
    const { handlers, handlersByFeature } = core;
    expect(Object.keys(handlersByFeature).sort()).toEqual(Object.keys(contractFeatures).sort());
    for (const [feature, contract] of Object.entries(contractFeatures)) {
      const table: Record<string, unknown> = handlersByFeature[feature as keyof typeof handlersByFeature];
      expect(Object.keys(table).sort(), feature).toEqual(Object.keys(contract.calls).sort());
      for (const [name, handler] of Object.entries(table)) expect(handlers[name as keyof typeof handlers], `${feature}: ${name}`).toBe(handler);
      expect(Object.isFrozen(table), feature).toBe(true);
    }
    expect(Object.isFrozen(handlers)).toBe(true);
    expect(Object.isFrozen(handlersByFeature)).toBe(true);
    expect(Object.isFrozen(core)).toBe(true);
  });

  it('answers app.info and settings.get without secrets', async () => {
    expect(await dispatchIpcCall(core, 'app.info', {})).toEqual({
      ok: true,
      output: expect.objectContaining({ kioskName: 'Front desk', language: 'zh-CN', host: 'browser', version: expect.any(String) }),
    });
    const settings = await dispatchIpcCall(core, 'settings.get', {});
    expect(settings.ok).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('adminPinHash');
  });

  it('rejects unknown calls', async () => {
    expect(await dispatchIpcCall(core, 'fs.readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: expect.stringContaining('fs.readFile') },
    });
    expect((await dispatchIpcCall(core, '__proto__', {})).ok).toBe(false);
    expect((await dispatchIpcCall(core, 'toString', {})).ok).toBe(false);
  });

  it('rejects bad input and changes nothing', async () => {
    const before = readFileSync(settingsPath(t.dir), 'utf8');
    for (const [name, input] of [
      ['settings.setLanguage', { language: 'fr' }],
      ['settings.setLanguage', { language: 'en', extra: 1 }],
      ['settings.setLanguage', null],
      ['bookings.find', { query: '' }],
      ['checkin.confirm', { bookingId: 'b 1' }],
      ['checkin.confirm', { bookingId: 'b1', visitId: 'not-a-uuid' }],
      ['visits.checkout', {}],
      ['app.info', { sneaky: true }],
    ] as const) {
      const r = await dispatchIpcCall(core, name, input);
      expect(r, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(readFileSync(settingsPath(t.dir), 'utf8')).toBe(before);
  });

  it('switches language through the contract and persists it', async () => {
    const r = await dispatchIpcCall(core, 'settings.setLanguage', { language: 'en' });
    expect(r).toMatchObject({ ok: true, output: { language: 'en' } });
    expect((JSON.parse(readFileSync(settingsPath(t.dir), 'utf8')) as { language: string }).language).toBe('en');
  });

  it('reports an unenrolled kiosk honestly', async () => {
    expect(await dispatchIpcCall(core, 'sync.now', {})).toMatchObject({ ok: true, output: { phase: 'unenrolled', online: false } });
    expect(await dispatchIpcCall(core, 'checkin.confirm', { bookingId: 'b1' })).toMatchObject({ ok: false, error: { code: 'not_enrolled' } });
  });

  it('lists every device as disabled / not configured without a device manager', async () => {
    const r = await dispatchIpcCall(core, 'devices.list', {});
    if (!r.ok) throw new Error('devices.list failed');
    const devices = (r.output as { devices: { kind: string; status: string; detail?: string }[] }).devices;
    expect(devices.map((d) => d.kind).sort()).toEqual([...DeviceKind.options].sort());
    expect(devices.every((d) => d.status === 'disabled' && d.detail === 'not configured')).toBe(true);
    // a real manager with the system printer only, handed to the core at its creation: its states replace the
    // placeholders; the camera stays disabled
    const manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ printer: { kind: 'system' } }),
      autoDetect: false,
    });
    await core.close();
    core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false, devices: manager });
    await manager.start();
    const after = await dispatchIpcCall(core, 'devices.list', {});
    if (!after.ok) throw new Error('devices.list failed');
    const states = (after.output as { devices: { kind: string; status: string; address?: string }[] }).devices;
    expect(states.map((d) => [d.kind, d.status])).toEqual([
      ['idReader', 'disabled'],
      ['thermometer', 'disabled'],
      ['printer', 'ready'],
      ['scanner', 'disabled'],
      ['camera', 'disabled'],
    ]);
    expect(states.find((d) => d.kind === 'printer')?.address).toBe('system');
  });

  it('maps domain refusals to codes and redacts numbers in messages', async () => {
    await writeLocalIdentity(core.db, t.dir);
    await core.close();
    core = await createKioskCore({ dataDir: t.dir, autoSync: false });
    const now = new Date();
    seedHostAndBookings(core.db, [makeBooking({ id: 'b_pending', code: 'PEND2345', status: 'pending' }, now)], now);
    expect(await dispatchIpcCall(core, 'checkin.confirm', { bookingId: 'b_pending' })).toMatchObject({ ok: false, error: { code: 'not_approved' } });
    expect(await dispatchIpcCall(core, 'bookings.get', { bookingId: 'nope' })).toMatchObject({ ok: false, error: { code: 'booking_not_found' } });
    const found = await dispatchIpcCall(core, 'bookings.find', { query: '13812345678' });
    expect(found.ok).toBe(true);
    expect(JSON.stringify(found)).not.toContain('13812345678');
    expect(await dispatchIpcCall(core, 'pass.verify', { token: 'PD1.abc.def' })).toMatchObject({ ok: false, error: { code: 'pass_malformed' } });
  });
});
