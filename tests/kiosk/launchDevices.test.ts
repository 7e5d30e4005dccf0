/**
 * The launcher's devices: prepareKiosk (embedded cloud + demo data + enrolment) with PASSDESK_SIMULATE_DEVICES=1
 * runs the ID card reader and thermometer simulators on ptys, attaches a real device manager, and the demo card
 * placed with a stdin command finds demo booking DEM0A001.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../src/main/core/ipcHandlers';
import { prepareKiosk, type PreparedKiosk } from '../../src/main/launch/prepareKiosk';
import { attachSimulatorConsole, parseSimulatorCommand } from '../../src/main/launch/simulatorConsole';
import { DEMO_CARD_BOOKING_CODE, demoVisitorCard } from '../../src/main/launch/demoCard';
import { ipcCalls, type IdCardRead, type IpcEventName, type IpcEventPayload } from '../../src/shared/ipc';
import { tempDir } from './helpers';

describe('launch with devices', () => {
  let t: ReturnType<typeof tempDir> | undefined;
  let prepared: PreparedKiosk | undefined;
  afterEach(async () => {
    await prepared?.close();
    t?.cleanup();
    prepared = t = undefined;
  });

  const nextEvent = <E extends IpcEventName>(p: PreparedKiosk, name: E, pred: (x: IpcEventPayload<E>) => boolean = () => true) =>
    new Promise<IpcEventPayload<E>>((resolve) => {
      const off = p.core.events.on(name, (payload) => {
        if (!pred(payload)) return;
        off();
        resolve(payload);
      });
    });

  it('PASSDESK_SIMULATE_DEVICES=1: simulated reader and thermometer, demo card placed from stdin finds DEM0A001', async () => {
    t = tempDir();
    prepared = await prepareKiosk({ PASSDESK_DATA_DIR: t.dir, PASSDESK_CLOUD_PORT: '0', PASSDESK_SIMULATE_DEVICES: '1' }, 'browser');
    const p = prepared;
    const sim = p.devices.simulated;
    if (!sim) throw new Error('no simulated devices');
    expect(p.banner.join('\n')).toContain('place');
    expect(p.banner.join('\n')).not.toContain(demoVisitorCard().idNumber);

    if (p.core.devices().find((d) => d.kind === 'idReader')?.status !== 'ready') await nextEvent(p, 'device.state', (s) => s.kind === 'idReader' && s.status === 'ready');
    expect(p.core.devices().find((d) => d.kind === 'thermometer')).toMatchObject({ status: 'ready', address: sim.thermometerPath });

    const stdin = new PassThrough();
    const printed: string[] = [];
    let onPrint: (() => void) | undefined;
    /** resolves once the console has answered the command just written */
    const command = (line: string) =>
      new Promise<void>((resolve) => {
        onPrint = resolve;
        stdin.write(`${line}\n`);
      });
    const detach = attachSimulatorConsole(sim, stdin, (line) => {
      printed.push(line);
      onPrint?.();
    });
    const read: Promise<IdCardRead> = nextEvent(p, 'device.idCard');
    await command('place');
    const card = await read;
    expect(card).toMatchObject({ name: '张伟', idNumberMasked: '110***********002X' });

    const found = await dispatchIpcCall(p.core, 'bookings.findByCard', { cardRef: card.cardRef });
    if (!found.ok) throw new Error(found.error.code);
    const { bookings } = ipcCalls['bookings.findByCard'].output.parse(found.output);
    expect(bookings.map((b) => b.code)).toEqual([DEMO_CARD_BOOKING_CODE]);
    expect(bookings[0]?.checkIn.allowed).toBe(true);

    await command('temp 38.2');
    const temp = await dispatchIpcCall(p.core, 'devices.readTemperature', {});
    if (!temp.ok) throw new Error(temp.error.code);
    expect(ipcCalls['devices.readTemperature'].output.parse(temp.output).abnormal).toBe(true);
    detach();
    expect(printed).toEqual(['card placed on the reader', 'thermometer now reports 38.2 °C']);
  });

  it('without devices configured, every kind is disabled and the banner says how to simulate', async () => {
    t = tempDir();
    prepared = await prepareKiosk({ PASSDESK_DATA_DIR: t.dir, PASSDESK_CLOUD_PORT: '0' }, 'browser');
    expect(prepared.devices.simulated).toBeUndefined();
    expect(prepared.banner.join('\n')).toContain('PASSDESK_SIMULATE_DEVICES=1');
    expect(prepared.core.devices().every((d) => d.status === 'disabled')).toBe(true);
  });

  it('parses the console commands', () => {
    expect(parseSimulatorCommand('  PLACE ')).toEqual({ kind: 'place' });
    expect(parseSimulatorCommand('r')).toEqual({ kind: 'remove' });
    expect(parseSimulatorCommand('temp 37.8')).toEqual({ kind: 'temp', celsius: 37.8 });
    expect(parseSimulatorCommand('temp hot')).toEqual({ kind: 'unknown', text: 'temp hot' });
    expect(parseSimulatorCommand('')).toBeUndefined();
  });
});
