import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePassKeyPair, keyIdOf, signPassV2, type PassDetails } from '../../../../../src/shared/pass';
import { EscPosPrinter, PrinterError, createPrinterTransport, probePrinter } from '../../../../../src/main/devices/printer/driver';
import { passLayout, passPrintFromPayload, renderPassJob } from '../../../../../src/main/devices/printer/passJob';
import { PrinterSimulator, servePrinterOnPty, type PrinterOnPty } from '../../../../../src/main/devices/printer/simulator';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';
import { TcpTransport } from '../../../../../src/main/devices/transport/tcpTransport';
import type { ByteTransport } from '../../../../../src/main/devices/transport/transport';
import { waitForState } from '../../../../support/devices/waitForState';

const STATUS_REQUEST = [0x10, 0x04, 0x04];
const isStatusRequest = (d: Uint8Array) => d.length === 3 && STATUS_REQUEST.every((b, i) => d[i] === b);

/** The real serial transport, with status requests (DLE EOT 4) that fail to send while `failStatus` is set. */
function withFailingStatusWrites(inner: ByteTransport): ByteTransport & { failStatus: boolean } {
  return {
    failStatus: false,
    get address() {
      return inner.address;
    },
    get isOpen() {
      return inner.isOpen;
    },
    open: () => inner.open(),
    close: () => inner.close(),
    onData: (l) => inner.onData(l),
    onClose: (l) => inner.onClose(l),
    async write(d) {
      if (this.failStatus && isStatusRequest(d)) throw new Error('write EIO');
      return inner.write(d);
    },
  };
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function samplePass() {
  const keys = await generatePassKeyPair();
  const payload: PassDetails = {
    v: 2,
    pid: '6f1c2a9e-0b7d-4c3e-8a15-2d9f0e1b7c44',
    site: 'hq',
    name: '张*丰',
    host: '李四',
    n: 2,
    nbf: Date.parse('2026-11-22T01:00:00Z') / 1000,
    exp: Date.parse('2026-11-22T10:00:00Z') / 1000,
    iss: 'kiosk:k1',
    kid: await keyIdOf(keys.publicKey),
  };
  const token = await signPassV2(
    { subject: { kind: 'visit', visitId: payload.pid }, site: payload.site, nbf: payload.nbf, exp: payload.exp, kid: payload.kid },
    keys.privateKey,
  );
  return passPrintFromPayload(token, payload, '星河科技园');
}

describe('pass printer against the simulator', () => {
  let pty: PrinterOnPty | undefined;
  let sim: PrinterSimulator | undefined;
  let printer: EscPosPrinter | undefined;
  afterEach(async () => {
    await printer?.stop();
    await pty?.close();
    await sim?.close();
    printer = undefined;
    pty = undefined;
    sim = undefined;
  });

  it('prints a 58 mm pass over a serial pty; the simulator decodes lines, QR = token, raster sizes', async () => {
    pty = await servePrinterOnPty();
    printer = new EscPosPrinter({ transport: new SerialTransport(pty.path, 9600) });
    await printer.start();
    expect(printer.state).toMatchObject({ status: 'ready', paper: 'ok' });
    const pass = await samplePass();
    const layout = passLayout(58);
    const job = pty.sim.nextJob();
    const result = await printer.print(renderPassJob(pass, layout));
    expect(result.paper.paper).toBe('ok');
    const j = await job;
    expect(j.lines.map((l) => l.text).filter(Boolean)).toEqual([
      '访客证',
      '星河科技园',
      '访客: 张*丰',
      '被访人: 李四',
      '人数: 2',
      '生效: 2026-11-22 09:00',
      '失效: 2026-11-22 18:00',
      '请妥善保管，离开时出示',
    ]);
    expect(j.qr.map((q) => q.payload)).toEqual([pass.token]);
    expect(j.images[0]).toMatchObject({ widthDots: 384, bytesPerRow: 48 });
    expect(j.cuts).toEqual(['partial']);
    expect(j.statusRequests).toBeGreaterThanOrEqual(1);
  });

  it('prints an 80 mm pass over TCP (127.0.0.1, port 0) through the TCP transport', async () => {
    sim = new PrinterSimulator();
    const port = await sim.listenTcp(0);
    const transport = createPrinterTransport({ kind: 'escpos-tcp', host: `127.0.0.1:${port}` });
    expect(transport).toBeInstanceOf(TcpTransport);
    printer = new EscPosPrinter({ transport: transport! });
    const pass = await samplePass();
    const job = sim.nextJob();
    await printer.print(renderPassJob({ ...pass, photo: { width: 102, height: 126, channels: 1, data: new Uint8Array(102 * 126).fill(100) } }, passLayout(80)));
    const j = await job;
    expect(j.qr[0]!.payload).toBe(pass.token);
    expect(j.images.map((i) => i.widthDots)).toEqual([576, 152]);
    expect(j.images[1]!.rows).toBe(188);
    expect(j.lines.find((l) => l.text === '访客证')).toMatchObject({ align: 'center', width: 2, height: 2 });
  });

  it('reports paper near end and refuses to print when the paper is out', async () => {
    pty = await servePrinterOnPty({ paper: 'near_end' });
    printer = new EscPosPrinter({ transport: new SerialTransport(pty.path, 9600) });
    expect((await printer.paperStatus()).paper).toBe('near_end');
    expect(printer.state).toMatchObject({ status: 'ready', detail: 'paper low' });
    pty.sim.paper = 'out';
    const pass = await samplePass();
    await expect(printer.print(renderPassJob(pass, passLayout(58)))).rejects.toSatisfy((e) => e instanceof PrinterError && e.fault === 'paper_out');
    expect(printer.state).toMatchObject({ status: 'error', detail: 'no paper' });
    expect(pty.sim.jobs).toHaveLength(0);
  });

  it('watches the paper while idle: out of paper shows as an error, reloading it shows ready without a print', async () => {
    pty = await servePrinterOnPty({ paper: 'out' });
    printer = new EscPosPrinter({ transport: new SerialTransport(pty.path, 9600), watchIntervalMs: 50 });
    await printer.start();
    expect(printer.state).toMatchObject({ status: 'error', paper: 'out', detail: 'no paper' });
    pty.sim.paper = 'ok';
    expect(await waitForState(printer, (s) => s.status === 'ready')).toMatchObject({ paper: 'ok' });
    pty.sim.paper = 'near_end';
    expect(await waitForState(printer, (s) => s.paper === 'near_end')).toMatchObject({ status: 'ready', detail: 'paper low' });
    expect(pty.sim.jobs).toHaveLength(0);
  });

  it('watches a network printer that was off at start and connects when it comes up', async () => {
    const port = await freeTcpPort();
    printer = new EscPosPrinter({ transport: new TcpTransport('127.0.0.1', port, { connectTimeoutMs: 300 }), watchIntervalMs: 50 });
    const seen: string[] = [];
    printer.on('state', (s) => seen.push(s.status));
    await printer.start();
    expect(printer.state.status).toBe('disconnected');
    await new Promise((r) => setTimeout(r, 200));
    // retries while the printer is away do not flash 'connecting' on the status screen
    expect(seen.filter((s) => s === 'connecting')).toHaveLength(1);
    sim = new PrinterSimulator();
    await sim.listenTcp(port);
    expect(await waitForState(printer, (s) => s.status === 'ready')).toMatchObject({ paper: 'ok' });
  });

  it('a status request that cannot be sent is forgotten: the next reading gets its own reply', async () => {
    pty = await servePrinterOnPty();
    const transport = withFailingStatusWrites(new SerialTransport(pty.path, 9600));
    printer = new EscPosPrinter({ transport, statusTimeoutMs: 300, watchIntervalMs: 0 });
    await printer.start();
    transport.failStatus = true;
    await expect(printer.paperStatus()).rejects.toThrow('write EIO');
    transport.failStatus = false;
    expect((await printer.paperStatus()).paper).toBe('ok');
  });

  it('a job whose status check cannot be sent is a write failure; one whose check after the job fails still counts as printed, never left busy', async () => {
    pty = await servePrinterOnPty();
    const transport = withFailingStatusWrites(new SerialTransport(pty.path, 9600));
    printer = new EscPosPrinter({ transport, statusTimeoutMs: 300, watchIntervalMs: 0 });
    await printer.start();
    const pass = await samplePass();
    transport.failStatus = true;
    await expect(printer.print(renderPassJob(pass, passLayout(58)))).rejects.toSatisfy((e) => e instanceof PrinterError && e.fault === 'write_failed');
    expect(printer.state).toMatchObject({ status: 'error', detail: 'write EIO' });
    expect(pty.sim.jobs).toHaveLength(0);

    // the check before the job passes, the one after it cannot be sent
    let sent = 0;
    const write = transport.write.bind(transport);
    transport.failStatus = false;
    transport.write = async (d) => {
      if (isStatusRequest(d) && ++sent === 2) throw new Error('write EIO');
      return write(d);
    };
    const job = pty.sim.nextJob();
    const r = await printer.print(renderPassJob(pass, passLayout(58)));
    expect(r.paper.paper).toBe('unknown');
    expect((await job).cuts).toEqual(['partial']);
    expect(printer.state).toMatchObject({ status: 'error', paper: 'unknown', detail: 'write EIO' });
    expect((await printer.paperStatus()).paper).toBe('ok');
    expect(printer.state).toMatchObject({ status: 'ready', paper: 'ok' });
  });

  it('treats a silent printer as paper "unknown" and still prints', async () => {
    pty = await servePrinterOnPty({ answerStatus: false });
    printer = new EscPosPrinter({ transport: new SerialTransport(pty.path, 9600), statusTimeoutMs: 100 });
    const job = pty.sim.nextJob();
    const r = await printer.print(renderPassJob(await samplePass(), passLayout(58)));
    expect(r.paper.paper).toBe('unknown');
    expect((await job).cuts).toEqual(['partial']);
    expect(await probePrinter(new SerialTransport(pty.path, 9600), 100)).toBe(false);
  });

  it('probes a printer by DLE EOT 4', async () => {
    pty = await servePrinterOnPty();
    expect(await probePrinter(new SerialTransport(pty.path, 9600))).toBe(true);
  });

  it('says so when the printer cannot be reached', async () => {
    printer = new EscPosPrinter({ transport: new TcpTransport('127.0.0.1', 1, { connectTimeoutMs: 500 }) });
    await expect(printer.print(new Uint8Array([0x1b, 0x40]))).rejects.toSatisfy((e) => e instanceof PrinterError && e.fault === 'not_connected');
    expect(printer.state.status).toBe('disconnected');
  });
});
