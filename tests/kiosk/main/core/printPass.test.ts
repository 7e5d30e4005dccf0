/**
 * pass.print through the IPC contract, on a real core (SQLite) with a REAL device manager whose ESC/POS printer
 * is the printer simulator on a socat pty: the simulator decodes the job back into text lines, QR payloads,
 * raster images and cuts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { savePullProgress } from '../../../../src/main/core/db/syncStateStore';
import { createDeviceManager, type DeviceManager } from '../../../../src/main/devices/manager/deviceManager';
import { servePrinterOnPty, type PrinterOnPty } from '../../../../src/main/devices/printer/simulator';
import type { DecodedJob } from '../../../../src/main/devices/printer/decoder';
import { formatLocal } from '../../../../src/main/devices/printer/passJob';
import { KioskDeviceSettings } from '../../../../src/shared/domain';
import type { IpcOutput } from '../../../../src/shared/ipc';
import { pluggableDevices, type PluggableDevices } from '../../../support/pluggableDevices';
import { locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const SITE = { id: 'site_local', name: '星河科技园', timezone: 'Asia/Shanghai' };
const PHONE = '13812345678';
const ID_NUMBER = '11010519491231002X';

const printedText = (job: DecodedJob): string[] => job.lines.map((l) => l.text).filter((t) => t !== '');

describe('pass.print (real device manager, printer simulator on a pty)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  /** the core's devices port, behind which attach() plugs a manager */
  let devices: PluggableDevices;
  let manager: DeviceManager | undefined;
  let printer: PrinterOnPty | undefined;
  /** the core's clock: real time unless a test moves it */
  let clockOffsetMs = 0;

  async function attach(printerSettings: Record<string, unknown>): Promise<DeviceManager> {
    const m = createDeviceManager({
      settings: KioskDeviceSettings.parse({ printer: printerSettings }),
      autoDetect: false,
      printer: { statusTimeoutMs: 300 },
    });
    manager = m;
    devices.plug(m);
    await m.start();
    return m;
  }

  async function attachSimulatedPrinter(paperWidthMm: 58 | 80 = 58): Promise<PrinterOnPty> {
    printer = await servePrinterOnPty({ idleFlushMs: 200 });
    await attach({ kind: 'escpos-serial', port: printer.path, paperWidthMm });
    expect(core.devices().find((d) => d.kind === 'printer')).toMatchObject({ status: 'ready', address: printer.path });
    return printer;
  }

  async function checkIn(bookingId = 'b_visitor'): Promise<IpcOutput<'checkin.confirm'>> {
    return output('checkin.confirm', await dispatchIpcCall(core, 'checkin.confirm', { bookingId }));
  }

  beforeEach(async () => {
    t = tempDir();
    clockOffsetMs = 0;
    core = await locallyEnrolledCore(t.dir, { now: () => new Date(Date.now() + clockOffsetMs), devices: (devices = pluggableDevices()) });
    const now = new Date();
    savePullProgress(core.db, 'c0', now.toISOString(), SITE);
    seedHostAndBookings(
      core.db,
      [
        makeBooking({ id: 'b_visitor', code: 'ABCD2345' }, now),
        makeBooking({ id: 'b_group', code: 'GRPP2345', visitor: { name: '欧阳小明', phone: '13822223333', idType: 'resident_id' }, groupSize: 3 }, now),
      ],
      now,
    );
  });

  afterEach(async () => {
    await core.close();
    await printer?.close();
    manager = printer = undefined;
    t.cleanup();
  });

  it('prints the pass of a check-in: site, masked visitor, host, window, party size; QR = the pass token; rule and cut', async () => {
    const sim = await attachSimulatedPrinter(58);
    expect(output('app.info', await dispatchIpcCall(core, 'app.info', {})).printer).toBe('escpos');
    const { visit, pass } = await checkIn();

    const job = sim.sim.nextJob();
    const r = await dispatchIpcCall(core, 'pass.print', { visitId: visit.id });
    expect(output('pass.print', r)).toEqual({ printed: true, printer: sim.path });
    const j = await job;

    expect(printedText(j)).toEqual([
      '访客证',
      SITE.name,
      '访客: 张*',
      '被访人: 李四',
      '人数: 1',
      `生效: ${formatLocal(new Date(pass.payload.nbf * 1000), SITE.timezone)}`,
      `失效: ${formatLocal(new Date(pass.payload.exp * 1000), SITE.timezone)}`,
      '请妥善保管，离开时出示',
    ]);
    expect(j.qr.map((q) => q.payload)).toEqual([pass.token]);
    expect(j.images[0]).toMatchObject({ widthDots: 384 });
    expect(j.cuts).toEqual(['partial']);
    expect(j.errors).toEqual([]);
    const everything = JSON.stringify(j);
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toContain(ID_NUMBER);
    expect(everything).not.toContain('张三');
    expect(core.devices().find((d) => d.kind === 'printer')?.status).toBe('ready');
  });

  it('prints a group pass on 80 mm paper with its party size, and prints it again on request', async () => {
    const sim = await attachSimulatedPrinter(80);
    const { visit, pass } = await checkIn('b_group');
    for (let i = 0; i < 2; i++) {
      const job = sim.sim.nextJob();
      output('pass.print', await dispatchIpcCall(core, 'pass.print', { visitId: visit.id }));
      const j = await job;
      expect(printedText(j)).toEqual(expect.arrayContaining(['访客: 欧**明', '人数: 3']));
      expect(j.qr[0]?.payload).toBe(pass.token);
      expect(j.images[0]).toMatchObject({ widthDots: 576 });
    }
    expect(sim.sim.jobs).toHaveLength(2);
  });

  it('paper out: paper_out and nothing printed; with paper back, the same pass prints', async () => {
    const sim = await attachSimulatedPrinter();
    const { visit, pass } = await checkIn();
    sim.sim.paper = 'out';
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'paper_out' } });
    expect(core.devices().find((d) => d.kind === 'printer')).toMatchObject({ status: 'error', detail: 'no paper' });
    await new Promise((r) => setTimeout(r, 400)); // longer than the simulator's idle flush: an uncut job would show
    expect(sim.sim.jobs).toEqual([]);

    sim.sim.paper = 'ok';
    const job = sim.sim.nextJob();
    output('pass.print', await dispatchIpcCall(core, 'pass.print', { visitId: visit.id }));
    expect((await job).qr[0]?.payload).toBe(pass.token);
    expect(core.devices().find((d) => d.kind === 'printer')?.status).toBe('ready');
  });

  it('unknown visit → not_found; a signed-out visit → already_left; a visit id that is no UUID → bad_input', async () => {
    const sim = await attachSimulatedPrinter();
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: 'b_visitor' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const { visit } = await checkIn();
    output('visits.checkout', await dispatchIpcCall(core, 'visits.checkout', { visitId: visit.id }));
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'already_left' } });
    expect(sim.sim.jobs).toEqual([]);
  });

  it('an expired pass is not printed (pass_expired)', async () => {
    await attachSimulatedPrinter();
    const { visit, pass } = await checkIn();
    clockOffsetMs = (pass.payload.exp + 3600) * 1000 - Date.now();
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'pass_expired' } });
    expect(printer!.sim.jobs).toEqual([]);
  });

  it('no printer → printer_unavailable: none attached, none configured, a system printer, an unreachable port', async () => {
    const { visit } = await checkIn();
    expect(output('app.info', await dispatchIpcCall(core, 'app.info', {})).printer).toBe('none');
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });

    await attach({ kind: 'none' });
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
    await manager!.stop();

    await attach({ kind: 'system' });
    expect(output('app.info', await dispatchIpcCall(core, 'app.info', {})).printer).toBe('system');
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
    await manager!.stop();

    await attach({ kind: 'escpos-serial', port: `${t.dir}/no-such-tty` });
    expect(core.devices().find((d) => d.kind === 'printer')?.status).toBe('disconnected');
    expect(output('app.info', await dispatchIpcCall(core, 'app.info', {})).printer).toBe('escpos');
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });

    // an ESC/POS kind without any address (nothing configured or detected)
    await manager!.stop();
    await attach({ kind: 'escpos-tcp' });
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
  });

  it('the printer went away after start: printer_unavailable, and the chip says disconnected', async () => {
    const sim = await attachSimulatedPrinter();
    const { visit } = await checkIn();
    await sim.close();
    printer = undefined;
    expect(await dispatchIpcCall(core, 'pass.print', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
    expect(core.devices().find((d) => d.kind === 'printer')?.status).toBe('disconnected');
  });
});
