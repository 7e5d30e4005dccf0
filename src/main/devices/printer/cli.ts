/** Printer CLI verbs: `print-test`, `simulate printer`. Registered by importing this module. */
import { numberFlag, parseFlags, registerSimulator, registerVerb, untilSignal, UsageError } from '../cli/verbs';
import type { DecodedJob } from './decoder';
import { EscPosPrinter, createPrinterTransport } from './driver';
import { passLayout, renderPassJob, type PassPrintData } from './passJob';
import type { PixelImage } from './raster';
import { PrinterSimulator, servePrinterOnPty } from './simulator';

/** A sample pass: a made-up token and a synthetic "photo" (a gradient with a circle). */
export function samplePass(now = new Date()): PassPrintData {
  const w = 102;
  const h = 126;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const inside = (x - 51) ** 2 + (y - 50) ** 2 < 30 ** 2;
      data[y * w + x] = inside ? 60 + ((x + y) % 40) : 230 - Math.round((y / h) * 120);
    }
  const photo: PixelImage = { width: w, height: h, channels: 1, data };
  return {
    token: 'PD1.eyJwaWQiOiJzYW1wbGUiLCJzaXRlIjoiaHEifQ.c2FtcGxlLXNpZ25hdHVyZQ',
    siteName: 'Passdesk 测试园区',
    visitorName: '张三丰',
    hostName: '李四',
    reason: '打印测试 / print test',
    validFrom: now,
    validUntil: new Date(now.getTime() + 8 * 3600_000),
    partySize: 1,
    photo,
  };
}

function widthFlag(v: string | undefined): 58 | 80 {
  if (v === undefined || v === '80') return 80;
  if (v === '58') return 58;
  throw new UsageError('--width must be 58 or 80');
}

registerVerb({
  name: 'print-test',
  usage: 'print-test (--port P [--baud 9600] | --tcp HOST:PORT | --usb VID:PID) [--width 58|80] [--no-cut] [--en]',
  async run(args) {
    const { flags } = parseFlags(args, { known: ['port', 'tcp', 'usb', 'width', 'baud'], booleans: ['no-cut', 'en'] });
    const targets = ['port', 'tcp', 'usb'].filter((k) => flags.has(k));
    if (targets.length !== 1) throw new UsageError('give exactly one of --port, --tcp, --usb');
    const transport = flags.has('port')
      ? createPrinterTransport({ kind: 'escpos-serial', port: flags.get('port'), baudRate: numberFlag(flags, 'baud', 9600) })
      : flags.has('tcp')
        ? createPrinterTransport({ kind: 'escpos-tcp', host: flags.get('tcp') })
        : createPrinterTransport({ kind: 'escpos-usb', port: flags.get('usb') });
    if (!transport) throw new UsageError('no printer address');
    const layout = passLayout(widthFlag(flags.get('width')), {
      ...(flags.has('no-cut') ? { cut: 'none' as const } : {}),
      ...(flags.has('en') ? { language: 'en' as const } : {}),
    });
    const printer = new EscPosPrinter({ transport });
    try {
      const job = renderPassJob(samplePass(), layout);
      const r = await printer.print(job);
      process.stdout.write(
        `${JSON.stringify({ printed: true, address: transport.address, widthMm: layout.paperWidthMm, bytes: r.bytes, paper: r.paper.paper })}\n`,
      );
      return 0;
    } finally {
      await printer.stop();
    }
  },
});

/** A person-readable rendering of a decoded job. */
export function describeJob(j: DecodedJob): string {
  const out: string[] = [`---- job: ${j.bytes} bytes ----`];
  for (const l of j.lines) {
    const pad = l.align === 'center' ? '    ' : l.align === 'right' ? '        ' : '';
    out.push(`${pad}${l.text}${l.width > 1 || l.height > 1 ? `  [${l.width}×${l.height}]` : ''}${l.bold ? '  [bold]' : ''}`);
  }
  for (const q of j.qr) out.push(`[QR model ${q.model} size ${q.size} EC ${q.errorLevel}] ${q.payload}`);
  for (const i of j.images) out.push(`[image ${i.widthDots}×${i.rows} dots, ${i.bytesPerRow} bytes/row]`);
  out.push(
    `[cuts: ${j.cuts.join(', ') || 'none'}; feeds ${j.feeds}; status requests ${j.statusRequests}${j.errors.length ? `; errors: ${j.errors.join('; ')}` : ''}]`,
  );
  return out.join('\n');
}

registerSimulator({
  kind: 'printer',
  usage: 'simulate printer [--paper ok|near_end|out] [--tcp-port 0] [--silent-status] [--json]',
  async run(args) {
    const { flags } = parseFlags(args, { known: ['paper', 'tcp-port'], booleans: ['silent-status', 'json'] });
    const paper = flags.get('paper') ?? 'ok';
    if (paper !== 'ok' && paper !== 'near_end' && paper !== 'out') throw new UsageError('--paper must be ok, near_end or out');
    const sim = new PrinterSimulator({ paper, answerStatus: !flags.has('silent-status') });
    const tcpPort = await sim.listenTcp(numberFlag(flags, 'tcp-port', 0));
    const pty = await servePrinterOnPty({}, sim);
    const json = flags.has('json');
    sim.onJob((j) =>
      process.stdout.write(json ? `${JSON.stringify({ ...j, images: j.images.map(({ data: _d, ...rest }) => rest) })}\n` : `${describeJob(j)}\n`),
    );
    process.stdout.write(`${JSON.stringify({ simulator: 'printer', port: pty.path, tcp: `127.0.0.1:${tcpPort}` })}\n`);
    await untilSignal();
    await pty.close();
    await sim.close();
    return 0;
  },
});
