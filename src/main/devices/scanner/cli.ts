/** Scanner CLI verbs: `read-scan`, `simulate scanner`. Registered by importing this module. */
import { createInterface } from 'node:readline';
import { numberFlag, parseFlags, registerSimulator, registerVerb, untilSignal, UsageError } from '../cli/verbs';
import { SerialTransport } from '../transport/serialTransport';
import type { ScanSuffix } from './codec';
import { ScannerDriver } from './driver';
import { serveScannerOnPty } from './simulator';

const SUFFIXES = ['cr', 'lf', 'crlf', 'any'] as const;

registerVerb({
  name: 'read-scan',
  usage: 'read-scan --port P [--baud 9600] [--suffix any|cr|lf|crlf] [--count N] (prints each scan as JSON)',
  async run(args) {
    const { flags } = parseFlags(args, { known: ['port', 'baud', 'suffix', 'count'] });
    const port = flags.get('port');
    if (!port) throw new UsageError('--port is required');
    const suffix = (flags.get('suffix') ?? 'any') as ScanSuffix;
    if (!SUFFIXES.includes(suffix)) throw new UsageError('--suffix must be any, cr, lf or crlf');
    const count = numberFlag(flags, 'count', 0);
    const driver = new ScannerDriver({ transport: new SerialTransport(port, numberFlag(flags, 'baud', 9600)), suffix, idleFlushMs: 200, reconnectMs: 0 });
    await driver.start();
    if (driver.state.status !== 'ready') throw new Error(driver.state.detail ?? `cannot open ${port}`);
    process.stderr.write(`read-scan: listening on ${port}\n`);
    let seen = 0;
    await new Promise<void>((resolve) => {
      driver.on('scan', (s) => {
        process.stdout.write(`${JSON.stringify({ text: s.text, at: s.at.toISOString() })}\n`);
        if (count > 0 && ++seen >= count) resolve();
      });
      driver.on('state', (s) => {
        if (s.status === 'disconnected') resolve();
      });
      void untilSignal().then(resolve);
    });
    await driver.stop();
    return 0;
  },
});

registerSimulator({
  kind: 'scanner',
  usage: 'simulate scanner [--suffix cr|lf|crlf|none] (each stdin line is sent as one scan)',
  async run(args) {
    const { flags } = parseFlags(args, { known: ['suffix'] });
    const suffix = flags.get('suffix') ?? 'cr';
    if (suffix !== 'cr' && suffix !== 'lf' && suffix !== 'crlf' && suffix !== 'none') throw new UsageError('--suffix must be cr, lf, crlf or none');
    const dev = await serveScannerOnPty({ suffix });
    process.stdout.write(`${JSON.stringify({ simulator: 'scanner', port: dev.path, input: 'type a line to scan it' })}\n`);
    const rl = createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      dev.sim.scan(line).catch((e: unknown) => process.stderr.write(`scan failed: ${(e as Error).message}\n`));
    });
    await untilSignal();
    rl.close();
    await dev.close();
    return 0;
  },
});
