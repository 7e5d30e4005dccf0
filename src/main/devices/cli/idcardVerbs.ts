/**
 * ID card reader verbs:
 *   list                                   serial ports, USB and HID devices seen
 *   read-card --port P [--baud B] [--timeout S] [--show-id] [--fingerprint]
 *                                          waits for one card, prints it as one JSON line (ID number masked
 *                                          unless --show-id)
 *   simulate id-reader [--card FILE] [--type resident|J|I|Y] …   serves a simulated reader on a pty
 */
import { createInterface } from 'node:readline';
import { maskIdNumber, redactText } from '../../../shared/mask';
import { Cmd, Sw3 } from '../idcard/codec';
import { DEFAULT_BAUD_RATES, IdCardReaderDriver } from '../idcard/driver';
import { FIXTURES, loadCardFixture, type CardFixture, type FixtureName } from '../idcard/fixtures';
import { startSimulatedReader } from '../idcard/simPty';
import { FAST_LATENCY, REALISTIC_LATENCY } from '../idcard/simulator';
import type { IdCard } from '../idcard/textBlock';
import { listHid, listSerialPorts, listUsbDevices, type Listing } from '../transport/discovery';
import { transportFor } from '../transport/fromAddress';
import { numberFlag, parseFlags, registerSimulator, registerVerb, UsageError } from './verbs';
import { cardWarningsAt } from '../idcard/validity';

const err = (line: string): void => void process.stderr.write(`${redactText(line)}\n`);

registerVerb({
  name: 'list',
  usage: 'list [--json]                 serial ports, USB and HID devices seen',
  async run(args) {
    const { flags } = parseFlags(args, { booleans: ['json'] });
    const [serial, usbDevs, hid] = await Promise.all([listSerialPorts(), listUsbDevices(), listHid()]);
    if (flags.has('json')) {
      process.stdout.write(`${JSON.stringify({ serial, usb: usbDevs, hid })}\n`);
      return 0;
    }
    const out: string[] = [];
    const section = <T>(title: string, l: Listing<T>, show: (item: T) => string): void => {
      out.push(title);
      if (!l.ok) out.push(`  (cannot list: ${l.error})`);
      else if (!l.items.length) out.push('  (none)');
      else for (const item of l.items) out.push(`  ${show(item)}`);
    };
    section(
      'serial ports:',
      serial,
      (p) => `${p.path}${p.vendorId ? `  ${p.vendorId}:${p.productId ?? '?'}` : ''}${p.manufacturer ? `  ${p.manufacturer}` : ''}`,
    );
    section('USB devices:', usbDevs, (d) => `${d.vidPid}  ${[d.manufacturer, d.product].filter(Boolean).join(' ')}${d.knownAs ? `  ← ${d.knownAs}` : ''}`);
    section('HID devices:', hid, (d) => `${d.vidPid}  ${[d.manufacturer, d.product].filter(Boolean).join(' ')}${d.path ? `  ${d.path}` : ''}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
});

/** The JSON the CLI prints for a card: every field; binary blobs in base64; numbers masked unless asked. */
export function cardToJson(card: IdCard, showId: boolean, readAt: Date = new Date()): Record<string, unknown> {
  const { photoWlt, photo, fingerprint, ...fields } = card;
  const out: Record<string, unknown> = { ...fields, warnings: cardWarningsAt(card, readAt) };
  if (!showId) {
    out.idNumber = maskIdNumber(card.idNumber);
    if (card.previousNumber) out.previousNumber = maskIdNumber(card.previousNumber);
  }
  out.idNumberMasked = !showId;
  out.photoWltBase64 = Buffer.from(photoWlt).toString('base64');
  if (photo) out.photo = { mime: photo.mime, width: photo.width, height: photo.height, base64: Buffer.from(photo.bytes).toString('base64') };
  if (fingerprint) out.fingerprintBase64 = Buffer.from(fingerprint).toString('base64');
  return out;
}

registerVerb({
  name: 'read-card',
  usage: 'read-card --port P [--baud B] [--timeout S] [--show-id] [--fingerprint] [--verbose]   P: /dev/ttyUSB0 | usb[:VID:PID] | hid:VID:PID | tcp:host:port',
  async run(args) {
    const { flags } = parseFlags(args, { booleans: ['show-id', 'fingerprint', 'verbose'], known: ['port', 'baud', 'timeout'] });
    const port = flags.get('port');
    if (!port) throw new UsageError('--port is required');
    const timeoutS = numberFlag(flags, 'timeout', 30);
    if (timeoutS <= 0) throw new UsageError('--timeout must be positive');
    const choice = transportFor(port);
    const baud = flags.has('baud') ? numberFlag(flags, 'baud', 115200) : undefined;
    const verbose = flags.has('verbose');
    const driver = new IdCardReaderDriver({
      transport: choice.factory,
      baudRates: baud ? [baud] : choice.hasBaudRate ? [...DEFAULT_BAUD_RATES] : [115200],
      readFingerprint: flags.has('fingerprint'),
      ...(verbose ? { log: (l: string) => err(l) } : {}),
    });
    const outcome = await new Promise<{ card: IdCard } | { error: string; code: number }>((resolve) => {
      const timer = setTimeout(
        () =>
          resolve({
            error: `no card read within ${timeoutS} s (reader: ${driver.state.status}${driver.state.detail ? `, ${driver.state.detail}` : ''})`,
            code: 3,
          }),
        timeoutS * 1000,
      );
      driver.on('card', (card) => {
        clearTimeout(timer);
        resolve({ card });
      });
      driver.on('state', (s) => {
        if (verbose) err(`reader: ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
        if (s.status === 'error' || (s.status === 'disconnected' && /^cannot open/.test(s.detail ?? ''))) {
          clearTimeout(timer);
          resolve({ error: `reader ${s.status}: ${s.detail ?? ''}`, code: 1 });
        }
      });
      driver.on('status', (e) => {
        if (e.type === 'connected') err(`reader answered on ${e.address} at ${e.baudRate} baud${e.samId ? ` (SAM ${e.samId})` : ''}; waiting for a card…`);
        else if (e.type === 'error' && verbose) err(`reader error ${e.code.toString(16)}: ${e.meaning} (${e.during})`);
      });
      driver.start();
    });
    await driver.stop();
    if ('error' in outcome) {
      err(`read-card: ${outcome.error}`);
      return outcome.code;
    }
    const json = cardToJson(outcome.card, flags.has('show-id'));
    json.readAt = new Date().toISOString();
    if (driver.samId) json.samId = driver.samId.display;
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return 0;
  },
});

const TYPE_ALIASES: Readonly<Record<string, FixtureName>> = { resident: 'resident', J: 'J', I: 'I', Y: 'Y', j: 'J', i: 'I', y: 'Y' };

registerSimulator({
  kind: 'id-reader',
  usage:
    'simulate id-reader [--card FILE | --type resident|J|I|Y|residentBadCheck|YBadCheck|resident2] [--no-card] [--latency realistic|fast] [--baud 9600] [--represent-after S]',
  async run(args) {
    const { flags } = parseFlags(args, { booleans: ['no-card'], known: ['card', 'type', 'latency', 'baud', 'represent-after', 'path'] });
    let card: CardFixture | undefined;
    const file = flags.get('card');
    const type = flags.get('type');
    if (file && type) throw new UsageError('use --card or --type, not both');
    if (file) card = loadCardFixture(file);
    else if (!flags.has('no-card')) {
      const name = TYPE_ALIASES[type ?? 'resident'] ?? (type && type in FIXTURES ? (type as FixtureName) : undefined);
      if (!name) throw new UsageError(`unknown card type "${type}"`);
      card = FIXTURES[name];
    }
    const latencyName = flags.get('latency') ?? 'realistic';
    if (latencyName !== 'realistic' && latencyName !== 'fast') throw new UsageError('--latency is realistic or fast');
    const moduleBaud = flags.has('baud') ? numberFlag(flags, 'baud', 115200) : undefined;
    const representAfter = numberFlag(flags, 'represent-after', 0);
    const path = flags.get('path');
    const reader = await startSimulatedReader({
      latency: latencyName === 'fast' ? FAST_LATENCY : REALISTIC_LATENCY,
      ...(card ? { card } : {}),
      ...(moduleBaud && moduleBaud !== 115200 ? { moduleBaudRate: moduleBaud } : {}),
      ...(path ? { path } : {}),
      log: (l) => err(l),
    });
    const hookReplies = (): void => {
      reader.sim.onReply((e) => {
        if (e.sw3 === Sw3.success && (e.cmd === Cmd.readBase || e.cmd === Cmd.readBaseFp)) {
          err(`card read by the host (${e.length} bytes)`);
          if (representAfter > 0 && card) {
            const c = card;
            setTimeout(() => {
              reader.removeCard();
              reader.insertCard(c);
              err('card taken away and put back');
            }, representAfter * 1000);
          }
        }
      });
    };
    hookReplies();
    process.stdout.write(`${reader.path}\n`);
    err(`ID card reader simulator: open ${reader.path} at ${moduleBaud ?? 115200} baud 8N1 (${card ? `${card.type} card on the reader` : 'no card'})`);
    err('commands on stdin: insert | remove | sam-fail | sam-ok | bad-checksum | unplug | replug | quit');

    return new Promise<number>((resolve) => {
      let closing = false;
      const shutdown = async (code: number): Promise<void> => {
        if (closing) return;
        closing = true;
        await reader.close().catch(() => undefined);
        resolve(code);
      };
      process.once('SIGINT', () => void shutdown(0));
      process.once('SIGTERM', () => void shutdown(0));
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const cmd = line.trim();
        void (async () => {
          switch (cmd) {
            case 'insert':
              if (card) reader.insertCard(card);
              break;
            case 'remove':
              reader.removeCard();
              break;
            case 'sam-fail':
              reader.sim.fault({ kind: 'samFailure', on: true });
              break;
            case 'sam-ok':
              reader.sim.fault({ kind: 'samFailure', on: false });
              break;
            case 'bad-checksum':
              reader.sim.fault({ kind: 'badChecksum' });
              break;
            case 'unplug':
              await reader.unplug();
              break;
            case 'replug':
              await reader.replug();
              hookReplies();
              break;
            case 'quit':
              await shutdown(0);
              return;
            case '':
              return;
            default:
              err(`unknown command "${cmd}"`);
              return;
          }
          err(`ok: ${cmd} (state ${reader.plugged ? reader.sim.state : 'unplugged'})`);
        })();
      });
    });
  },
});
