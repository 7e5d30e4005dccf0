/**
 * The launcher's devices: prepareKiosk (embedded cloud + demo data + enrolment) with PASSDESK_SIMULATE_DEVICES=1
 * runs the ID card reader and thermometer simulators on ptys, attaches a real device manager, and the demo card
 * placed with a stdin command finds demo booking DEM0A001.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { prepareKiosk, type PreparedKiosk } from '../../../../src/main/launch/prepareKiosk';
import { attachSimulatorConsole, parseSimulatorCommand } from '../../../../src/main/launch/simulatorConsole';
import { DEMO_CARD_BOOKING_CODE, demoVisitorCard } from '../../../../src/main/launch/demoCard';
import { DEMO_BOOKINGS, DEMO_SITE } from '../../../../src/cloud/demo';
import { ipcCalls, type IdCardRead, type IpcEventName, type IpcEventPayload } from '../../../../src/shared/ipc';
import { tempDir } from '../../../support/kiosk/helpers';

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

    if (p.core.devices().find((d) => d.kind === 'idReader')?.status !== 'ready')
      await nextEvent(p, 'device.state', (s) => s.kind === 'idReader' && s.status === 'ready');
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

  it('a threshold the cloud changes applies to the very next reading (no restart)', async () => {
    t = tempDir();
    prepared = await prepareKiosk({ PASSDESK_DATA_DIR: t.dir, PASSDESK_CLOUD_PORT: '0', PASSDESK_SIMULATE_DEVICES: '1' }, 'browser');
    const p = prepared;
    const sim = p.devices.simulated;
    const cloud = p.embeddedCloud;
    if (!sim || !cloud) throw new Error('no simulated devices or no embedded cloud');
    expect(p.core.settings().temperatureThresholdC).toBe(37.3);
    const setCloudThreshold = async (thresholdC: number) => {
      // through the cloud's admin route: the change moves the site's config version, so the next pull carries it
      const res = await fetch(`${cloud.url}/api/v1/admin/sites/${DEMO_SITE.id}/settings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cloud.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'zh-CN', temperatureThresholdC: thresholdC }),
      });
      expect(res.status).toBe(200);
      await p.core.sync.now();
      expect(p.core.settings().temperatureThresholdC).toBe(thresholdC);
    };
    const read = async () => {
      const r = await dispatchIpcCall(p.core, 'devices.readTemperature', {});
      if (!r.ok) throw new Error(r.error.code);
      return ipcCalls['devices.readTemperature'].output.parse(r.output);
    };

    sim.setTemperature(38.2);
    expect(await read()).toMatchObject({ celsius: expect.closeTo(38.2, 0), abnormal: true, thresholdC: 37.3 });

    await setCloudThreshold(38.5);
    const emitted = nextEvent(p, 'device.temperature');
    const relaxed = await read();
    expect(relaxed).toMatchObject({ celsius: expect.closeTo(38.2, 0), abnormal: false, thresholdC: 38.5 });
    expect(await emitted).toEqual(relaxed);

    await setCloudThreshold(36.0);
    sim.setTemperature(36.4);
    expect(await read()).toMatchObject({ celsius: expect.closeTo(36.4, 0), abnormal: true, thresholdC: 36 });
  });

  it('PASSDESK_SIMULATE_DEVICES=1: the simulated pass printer prints a checked-in pass, shown on the console; paper out is paper_out', async () => {
    t = tempDir();
    prepared = await prepareKiosk({ PASSDESK_DATA_DIR: t.dir, PASSDESK_CLOUD_PORT: '0', PASSDESK_SIMULATE_DEVICES: '1' }, 'browser');
    const p = prepared;
    const sim = p.devices.simulated;
    if (!sim) throw new Error('no simulated devices');
    expect(p.core.devices().find((d) => d.kind === 'printer')).toMatchObject({ status: 'ready', address: sim.printerPath });
    expect(p.banner.join('\n')).toContain(`pass printer (ESC/POS) on ${sim.printerPath}`);
    const info = await dispatchIpcCall(p.core, 'app.info', {});
    expect(info).toMatchObject({ ok: true, output: { printer: 'escpos' } });

    const found = await dispatchIpcCall(p.core, 'bookings.find', { query: DEMO_CARD_BOOKING_CODE });
    if (!found.ok) throw new Error(found.error.code);
    const [booking] = ipcCalls['bookings.find'].output.parse(found.output).bookings;
    const confirmed = await dispatchIpcCall(p.core, 'checkin.confirm', { bookingId: booking!.id });
    if (!confirmed.ok) throw new Error(confirmed.error.code);
    const { visit, pass } = ipcCalls['checkin.confirm'].output.parse(confirmed.output);

    const stdin = new PassThrough();
    const printed: string[] = [];
    let onLine: ((line: string) => void) | undefined;
    const detach = attachSimulatorConsole(sim, stdin, (line) => {
      printed.push(line);
      onLine?.(line);
    });
    const until = (pred: (line: string) => boolean) =>
      new Promise<void>((resolve) => {
        onLine = (line) => pred(line) && resolve();
      });

    const jobShown = until((line) => line.includes('cut (partial)'));
    expect(await dispatchIpcCall(p.core, 'pass.print', { visitId: visit.id })).toEqual({ ok: true, output: { printed: true, printer: sim.printerPath } });
    await jobShown;
    expect(printed[0]).toBe('printer: a job came out');
    expect(printed).toEqual(expect.arrayContaining(['  | 访客证', '  | 访客: 张*', `  | [QR code, ${pass.token.length} characters]`, '  | 人数: 1']));
    const demo = DEMO_BOOKINGS.find((b) => b.code === DEMO_CARD_BOOKING_CODE)!;
    expect(printed.join('\n')).not.toContain(demo.visitor.phone);
    expect(printed.join('\n')).not.toContain(demoVisitorCard().idNumber);
    expect(printed.join('\n')).not.toContain(pass.token);

    const paperOut = until((line) => line.startsWith('printer paper'));
    stdin.write('paper out\n');
    await paperOut;
    expect(await dispatchIpcCall(p.core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'paper_out' } });
    detach();
    expect(printed.filter((l) => l === 'printer: a job came out')).toHaveLength(1);
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
    expect(parseSimulatorCommand('paper out')).toEqual({ kind: 'paper', paper: 'out' });
    expect(parseSimulatorCommand('Paper LOW')).toEqual({ kind: 'paper', paper: 'near_end' });
    expect(parseSimulatorCommand('paper')).toEqual({ kind: 'unknown', text: 'paper' });
  });
});
