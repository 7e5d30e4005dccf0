/**
 * The core's feature modules are built from their declared dependencies alone: no KioskCore, no cloud, no devices.
 * Here the sync feature on a real SQLite database with a fake clock. And the composition root's runtime settings:
 * a change applies at once, reopening only the device whose opening settings changed.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDb, kioskDbPath, type KioskDb } from '../../../../src/main/core/db/openDb';
import { enqueueCommand, rejectCommands } from '../../../../src/main/core/db/outboxStore';
import { devicesToReopen, type DevicesPort } from '../../../../src/main/core/devices';
import { createSyncFeature } from '../../../../src/main/core/features';
import { createKioskCore } from '../../../../src/main/core/kioskCore';
import { settingsPath } from '../../../../src/main/core/settings';
import { KioskDeviceSettings } from '../../../../src/shared/domain';
import { signCommand } from '../../../../src/main/core/sync/commands';
import { generatePassKeyPair } from '../../../../src/shared/pass';
import { IpcCallError, SyncState, type IpcEventName } from '../../../../src/shared/ipc';
import { OFFLINE_CLOUD_URL, tempDir } from '../../../support/kiosk/helpers';

const STATE: SyncState = { phase: 'idle', online: false, pendingCommands: 0, conflicts: 0 };

describe('core feature modules', () => {
  let t: ReturnType<typeof tempDir>;
  let db: KioskDb;
  beforeEach(() => {
    t = tempDir();
    db = openKioskDb(kioskDbPath(t.dir));
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('builds the sync feature with only a database, an event sink, a fake clock and an engine', async () => {
    const clock = new Date('2026-03-04T05:06:07.000Z');
    const emitted: { name: IpcEventName; payload: unknown }[] = [];
    let syncs = 0;
    const sync = createSyncFeature({
      db,
      events: { emit: (name, payload) => void emitted.push({ name, payload }) },
      now: () => clock,
      engine: {
        state: () => ({ ...STATE, conflicts: 1 }),
        syncNow: () => {
          syncs += 1;
          return Promise.resolve(STATE);
        },
      },
    });
    expect(Object.keys(sync.handlers).sort()).toEqual(['sync.acknowledgeConflict', 'sync.conflicts', 'sync.now', 'sync.status']);

    const pair = await generatePassKeyPair();
    const command = await signCommand(
      { kind: 'checkin', payload: { bookingId: 'b_feature', visitId: randomUUID(), passId: 'p', partySize: 1 } },
      { kioskId: 'kiosk_feature', privateKey: pair.privateKey },
      new Date('2026-03-04T05:00:00.000Z'),
    );
    enqueueCommand(db, command);
    rejectCommands(db, [command.id], 'the cloud refused the batch', 'bad_signature');

    const { conflicts } = await sync.handlers['sync.conflicts']({});
    expect(conflicts).toEqual([expect.objectContaining({ commandId: command.id, status: 'rejected', code: 'bad_signature' })]);
    expect(await sync.handlers['sync.status']({})).toMatchObject({ conflicts: 1 });
    expect(await sync.handlers['sync.now']({})).toEqual(STATE);
    expect(syncs).toBe(1);

    // acknowledged at the fake clock's time, and the new state announced
    expect(await sync.handlers['sync.acknowledgeConflict']({ commandId: command.id })).toMatchObject({ conflicts: 1 });
    expect(emitted).toEqual([{ name: 'sync.state', payload: expect.objectContaining({ phase: 'idle' }) }]);
    expect(sync.conflicts()[0]?.acknowledgedAt).toBe(clock.toISOString());

    expect(() => sync.handlers['sync.acknowledgeConflict']({ commandId: randomUUID() })).toThrow(IpcCallError);
  });
});

describe('settings changed at runtime (updateSettings)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  /** a device port with a ready thermometer measuring 36.5 °C raw, recording what it is asked to reopen */
  function fakeDevices() {
    const reopened: { kind: string; settings: KioskDeviceSettings }[] = [];
    const port: DevicesPort = {
      list: () => [{ kind: 'thermometer', status: 'ready', address: '/dev/fake', updatedAt: new Date().toISOString() }],
      stop: () => Promise.resolve(),
      on: () => () => undefined,
      measureTemperature: () => Promise.resolve({ celsius: 36.5, at: new Date() }),
      printerKind: 'none',
      print: () => Promise.reject(new Error('no printer')),
      reconfigure: (kind, settings) => {
        reopened.push({ kind, settings });
        return Promise.resolve();
      },
    };
    return { port, reopened };
  }

  it('applies policy values at once without reopening a device, and reopens only the device whose opening settings changed', async () => {
    const { port, reopened } = fakeDevices();
    const core = await createKioskCore({ dataDir: t.dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false, devices: port });
    try {
      expect(await core.readTemperature()).toMatchObject({ celsius: 36.5, abnormal: false, thresholdC: 37.3 });

      // the calibration offset and the threshold: the next reading, no reopening
      await core.updateSettings((s) => ({
        ...s,
        temperatureThresholdC: 36.8,
        devices: { ...s.devices, thermometer: { ...s.devices.thermometer, offsetC: 0.4 } },
      }));
      expect(await core.readTemperature()).toMatchObject({ celsius: 36.9, abnormal: true, thresholdC: 36.8 });
      expect(reopened).toEqual([]);

      // a new port and enabled: the thermometer alone is reopened with the new settings, before the answer
      const saved = await core.updateSettings((s) => ({
        ...s,
        devices: { ...s.devices, thermometer: { ...s.devices.thermometer, enabled: true, port: '/dev/ttyUSB1' } },
      }));
      expect(reopened.map((r) => r.kind)).toEqual(['thermometer']);
      expect(reopened[0]?.settings.thermometer).toMatchObject({ enabled: true, port: '/dev/ttyUSB1', offsetC: 0.4 });
      expect(saved.devices.thermometer.port).toBe('/dev/ttyUSB1');
      // saved: a restart starts with them
      expect(JSON.parse(readFileSync(settingsPath(t.dir), 'utf8'))).toMatchObject({
        temperatureThresholdC: 36.8,
        devices: { thermometer: { port: '/dev/ttyUSB1' } },
      });

      await core.updateSettings((s) => ({ ...s, devices: { ...s.devices, printer: { ...s.devices.printer, kind: 'system' } }, kioskName: 'Lobby' }));
      expect(reopened.map((r) => r.kind)).toEqual(['thermometer', 'printer']);
      expect(core.info().kioskName).toBe('Lobby');
    } finally {
      await core.close();
    }
  });

  it('tells which devices a change reopens: opening settings, never a policy value alone', () => {
    const base = KioskDeviceSettings.parse({ thermometer: { enabled: true, port: '/dev/a', model: 'gy' } });
    expect(devicesToReopen(base, { ...base, thermometer: { ...base.thermometer, offsetC: -0.2 } })).toEqual([]);
    expect(devicesToReopen(base, { ...base, thermometer: { ...base.thermometer, port: '/dev/b' } })).toEqual(['thermometer']);
    expect(devicesToReopen(base, { ...base, scanner: { enabled: true }, idReader: { enabled: true, port: '/dev/c' } }).sort()).toEqual(['idReader', 'scanner']);
  });
});
