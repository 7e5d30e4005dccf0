/**
 * The devices section's handlers, refusing: each refusal has its own code (words in both languages at the screen),
 * never the generic bad_input, and a refused choice saves nothing and audits nothing.
 */
import { describe, expect, it } from 'vitest';
import { deviceCalls, type DeviceCallsDeps } from '../../../../../src/main/core/admin/deviceCalls';
import { defaultSettings } from '../../../../../src/main/core/settings';
import type { KioskSettings } from '../../../../../src/shared/domain';
import { IpcCallError, type DeviceState } from '../../../../../src/shared/ipc';

const SESSION = 'S'.repeat(43);

function handlers(options: { states?: DeviceState[]; save?: (next: KioskSettings) => void } = {}) {
  let settings = defaultSettings('http://127.0.0.1:1');
  settings = { ...settings, devices: { ...settings.devices, scanner: { enabled: true, port: '/dev/ttyUSB1' } } };
  const audited: string[] = [];
  const deps: DeviceCallsDeps = {
    settings: () => settings,
    updateSettings: async (update) => {
      await Promise.resolve(); // as the core's: saved, then the devices reopened
      const next = update(settings);
      options.save?.(next);
      settings = next;
      return settings;
    },
    states: () => options.states ?? [],
    detect: undefined,
    events: { on: () => () => undefined },
    audit: {
      record: (action) => {
        audited.push(action);
        return Promise.resolve();
      },
    },
    requireAdmin: () => undefined,
  };
  return { calls: deviceCalls(deps), audited, settings: () => settings };
}

async function refusal(work: () => unknown): Promise<IpcCallError> {
  const error = await Promise.resolve()
    .then(work)
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  if (!(error instanceof IpcCallError)) throw new Error(`not refused with a coded error: ${String(error)}`);
  return error;
}

describe('admin device calls, refusing', () => {
  it('a port the scanner opens is refused for the thermometer as admin_device_port_taken; nothing saved or audited', async () => {
    const { calls, audited, settings } = handlers();
    const before = settings();
    const error = await refusal(() =>
      calls['admin.saveDevice']({ session: SESSION, device: { kind: 'thermometer', enabled: true, model: 'gy', port: '/dev/ttyUSB1' } }),
    );
    expect(error.code).toBe('admin_device_port_taken');
    expect(error.message).toMatch(/already the scanner's/);
    expect(settings()).toBe(before);
    expect(audited).toEqual([]);
  });

  it('a port a running device has open (a simulator the settings do not name) is refused the same way', async () => {
    const { calls } = handlers({ states: [{ kind: 'idReader', status: 'ready', address: '/dev/pts/7' } as DeviceState] });
    const error = await refusal(() => calls['admin.saveDevice']({ session: SESSION, device: { kind: 'scanner', enabled: true, port: '/dev/pts/7' } }));
    expect(error.code).toBe('admin_device_port_taken');
  });

  it('settings that cannot be written: admin_device_not_saved, nothing audited', async () => {
    const { calls, audited } = handlers({
      save: () => {
        throw new Error('EROFS: read-only file system');
      },
    });
    const error = await refusal(() => calls['admin.saveDevice']({ session: SESSION, device: { kind: 'idReader', enabled: true, port: '/dev/ttyUSB0' } }));
    expect(error.code).toBe('admin_device_not_saved');
    expect(error.message).toMatch(/read-only file system/);
    expect(audited).toEqual([]);
  });

  it('the ID reader test of a reader that is not ready: admin_device_not_ready (audited as unavailable)', async () => {
    const { calls, audited } = handlers({ states: [{ kind: 'idReader', status: 'disconnected' } as DeviceState] });
    const error = await refusal(() => calls['admin.testIdReader']({ session: SESSION, waitS: 1 }));
    expect(error.code).toBe('admin_device_not_ready');
    expect(error.message).toMatch(/disconnected/);
    expect(audited).toEqual(['device.test']);
  });

  it('a free port is saved and audited old → new', async () => {
    const { calls, audited, settings } = handlers();
    await calls['admin.saveDevice']({ session: SESSION, device: { kind: 'idReader', enabled: true, port: '/dev/ttyUSB0' } });
    expect(settings().devices.idReader).toEqual({ enabled: true, port: '/dev/ttyUSB0' });
    expect(audited).toEqual(['setting.changed', 'setting.changed']);
  });
});
