/**
 * Check-in by ID card and the thermometer through the IPC contract, on a real core (SQLite) with a REAL device
 * manager: the ID card reader is the SAM_V simulator and the thermometer the GY simulator, each on a socat pty.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../src/main/core/db/outboxStore';
import { createDeviceManager, type DeviceManager } from '../../../../src/main/devices/manager/deviceManager';
import { FIXTURES } from '../../../../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../../src/main/devices/idcard/simulator';
import { serveThermometerOnPty, type ThermometerOnPty } from '../../../../src/main/devices/thermometer/simulator';
import { KioskDeviceSettings } from '../../../../src/shared/domain';
import type { IdCardRead, IpcEventName, IpcEventPayload } from '../../../../src/shared/ipc';
import { pluggableDevices, type PluggableDevices } from '../../../support/pluggableDevices';
import { HOUR, locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const FAST_ID = {
  pollIntervalMs: 20,
  timeouts: { probeMs: 300, findMs: 300, selectMs: 300, readMs: 1500, otherMs: 300 },
  reconnect: { initialMs: 30, maxMs: 200 },
};
/** FIXTURES.resident's number; the helpers' bookings carry it too */
const CARD_ID = '11010519491231002X';

describe('check-in by ID card and temperature (real device manager on ptys)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  /** the core's devices port, behind which attach() plugs a manager */
  let devices: PluggableDevices;
  let manager: DeviceManager | undefined;
  let reader: SimulatedReader | undefined;
  let thermo: ThermometerOnPty | undefined;

  const nextEvent = <E extends IpcEventName>(name: E, pred: (p: IpcEventPayload<E>) => boolean = () => true): Promise<IpcEventPayload<E>> =>
    new Promise((resolve) => {
      const off = core.events.on(name, (payload) => {
        if (!pred(payload)) return;
        off();
        resolve(payload);
      });
    });

  async function attach(options: { withThermometer?: boolean; cardTtlMs?: number } = {}): Promise<void> {
    reader = await startSimulatedReader({ latency: FAST_LATENCY });
    if (options.withThermometer) thermo = await serveThermometerOnPty({ model: 'gy', temperatureC: 36.6 });
    manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({
        idReader: { enabled: true, port: reader.path },
        ...(thermo ? { thermometer: { enabled: true, port: thermo.path, model: 'gy' } } : {}),
      }),
      autoDetect: false,
      idReader: FAST_ID,
      thermometer: { samples: 3, queryIntervalMs: 0 },
    });
    if (options.cardTtlMs !== undefined) {
      // the held-card store is the core's: a core holding cards for cardTtlMs on the same data
      await core.close();
      core = await createKioskCore({ dataDir: t.dir, autoSync: false, heldCardTtlMs: options.cardTtlMs, devices: (devices = pluggableDevices()) });
    }
    const readerReady = nextEvent('device.state', (s) => s.kind === 'idReader' && s.status === 'ready');
    devices.plug(manager);
    await manager.start();
    await readerReady;
  }

  async function placeCard(card: (typeof FIXTURES)[keyof typeof FIXTURES] = FIXTURES.resident): Promise<IdCardRead> {
    const read = nextEvent('device.idCard');
    reader!.insertCard(card);
    return read;
  }

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir, { devices: (devices = pluggableDevices()) });
    const now = new Date();
    const n = now.getTime();
    seedHostAndBookings(
      core.db,
      [
        makeBooking({ id: 'b_visitor', code: 'ABCD2345' }, now),
        makeBooking(
          {
            id: 'b_companion',
            code: 'CMPN2345',
            visitor: { name: '王五', phone: '13811112222', idType: 'resident_id', idNumber: '440306199003071232' },
            companions: [{ name: '李秀英', idNumber: '11010519491231002x' }],
            groupSize: 2,
          },
          now,
        ),
        makeBooking(
          { id: 'b_other', code: 'THER2345', visitor: { name: '赵六', phone: '13833334444', idType: 'resident_id', idNumber: '440306199003071232' } },
          now,
        ),
        makeBooking(
          { id: 'b_tomorrow', code: 'TMRW2345', windowStart: new Date(n + 30 * HOUR).toISOString(), windowEnd: new Date(n + 32 * HOUR).toISOString() },
          now,
        ),
      ],
      now,
    );
  });

  afterEach(async () => {
    await core.close();
    await Promise.all([reader?.close(), thermo?.close()]);
    manager = reader = thermo = undefined;
    t.cleanup();
  });

  it("finds today's bookings of the card holder, as visitor or companion, with the number masked everywhere", async () => {
    await attach();
    const read = await placeCard();
    expect(read.idNumberMasked).toBe('110***********002X');

    const r = await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef });
    const found = output('bookings.findByCard', r);
    expect(found.card).toEqual(read);
    expect(found.bookings.map((b) => b.id).sort()).toEqual(['b_companion', 'b_visitor']);
    expect(found.bookings.find((b) => b.id === 'b_visitor')).toMatchObject({ visitorIdMasked: '110***********002X', checkIn: { allowed: true } });
    expect(JSON.stringify(r)).not.toContain(CARD_ID);
    expect(JSON.stringify(r).toUpperCase()).not.toContain(CARD_ID);

    // the core keeps the card for the rest of the visit: asking again gives the same answer
    expect(output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef })).bookings).toHaveLength(2);
  });

  it('answers an empty list for a card nobody booked with', async () => {
    await attach();
    const read = await placeCard(FIXTURES.J);
    const found = output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef }));
    expect(found.card.cardType).toBe('hkmotw_permit');
    expect(found.bookings).toEqual([]);
  });

  it('refuses an unknown or expired cardRef with card_expired, and bad input with bad_input', async () => {
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: 'no-manager-yet' })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
    await attach({ cardTtlMs: 0 });
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: 'never-read' })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
    const read = await placeCard();
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: '' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef, idNumber: CARD_ID })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
  });

  it('a found booking checks in with the reading the thermometer gave', async () => {
    await attach({ withThermometer: true });
    expect(core.devices().find((d) => d.kind === 'thermometer')).toMatchObject({ status: 'ready', address: thermo!.path });
    const read = await placeCard();
    const [booking] = output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef })).bookings.filter(
      (b) => b.id === 'b_visitor',
    );

    const emitted = nextEvent('device.temperature');
    const reading = output('devices.readTemperature', await dispatchIpcCall(core, 'devices.readTemperature', {}));
    expect(reading).toMatchObject({ celsius: 36.6, abnormal: false, thresholdC: 37.3 });
    expect(await emitted).toEqual(reading);

    const confirmed = output('checkin.confirm', await dispatchIpcCall(core, 'checkin.confirm', { bookingId: booking!.id, temperatureC: reading.celsius }));
    expect(confirmed.visit).toMatchObject({ bookingId: 'b_visitor', temperatureC: 36.6 });
    expect(allCommands(core.db, 'kiosk_local')[0]).toMatchObject({ command: { kind: 'checkin', payload: { bookingId: 'b_visitor', temperatureC: 36.6 } } });
  });

  it("holds the full card for the visitor's session only: released by their check-in, and by the next card read", async () => {
    await attach();
    const first = await placeCard();
    expect(output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: first.cardRef })).bookings).toHaveLength(2);
    // the next visitor's card: the first one is no longer held
    reader!.removeCard();
    const second = await placeCard(FIXTURES.J);
    expect(second.cardRef).not.toBe(first.cardRef);
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: first.cardRef })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
    expect(output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: second.cardRef })).card.cardType).toBe('hkmotw_permit');

    reader!.removeCard();
    const third = await placeCard();
    const [booking] = output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: third.cardRef })).bookings.filter(
      (b) => b.id === 'b_visitor',
    );
    output('checkin.confirm', await dispatchIpcCall(core, 'checkin.confirm', { bookingId: booking!.id }));
    // checked in: the session is over, well before the card's time to live
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: third.cardRef })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
  });

  it("releases every held card when the visitor's session ends (session.end), well before the time to live", async () => {
    await attach();
    const read = await placeCard();
    expect(output('bookings.findByCard', await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef })).bookings).toHaveLength(2);
    expect(output('session.end', await dispatchIpcCall(core, 'session.end', {}))).toEqual({ releasedCards: 1 });
    expect(await dispatchIpcCall(core, 'bookings.findByCard', { cardRef: read.cardRef })).toMatchObject({ ok: false, error: { code: 'card_expired' } });
    // nothing left to release; extra input is refused like every call's
    expect(output('session.end', await dispatchIpcCall(core, 'session.end', {}))).toEqual({ releasedCards: 0 });
    expect(await dispatchIpcCall(core, 'session.end', { cardRef: read.cardRef })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('reports an abnormal reading, and check-in refuses it', async () => {
    await attach({ withThermometer: true });
    thermo!.sim.temperatureC = 38.1;
    const reading = output('devices.readTemperature', await dispatchIpcCall(core, 'devices.readTemperature', {}));
    expect(reading).toMatchObject({ celsius: 38.1, abnormal: true });
    expect(await dispatchIpcCall(core, 'checkin.confirm', { bookingId: 'b_visitor', temperatureC: reading.celsius })).toMatchObject({
      ok: false,
      error: { code: 'temperature_abnormal' },
    });
  });

  it('devices.readTemperature is device_unavailable without a thermometer; devices.list shows every kind', async () => {
    expect(await dispatchIpcCall(core, 'devices.readTemperature', {})).toMatchObject({ ok: false, error: { code: 'device_unavailable' } });
    await attach();
    expect(await dispatchIpcCall(core, 'devices.readTemperature', {})).toMatchObject({ ok: false, error: { code: 'device_unavailable' } });
    const { devices } = output('devices.list', await dispatchIpcCall(core, 'devices.list', {}));
    expect(devices.map((d) => [d.kind, d.status])).toEqual([
      ['idReader', 'ready'],
      ['thermometer', 'disabled'],
      ['printer', 'disabled'],
      ['scanner', 'disabled'],
      ['camera', 'disabled'],
    ]);
  });
});
