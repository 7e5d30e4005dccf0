/**
 * Commands typed on the launcher's terminal (stdin) that drive the simulated devices: place / remove the demo
 * ID card, set the thermometer's temperature, the printer's paper. Every pass the simulated printer receives is
 * shown there too, as it would come out (text lines, the QR code's payload length). Nothing listens on the
 * network for this.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { maskIdNumber } from '../../shared/mask';
import type { DecodedJob } from '../devices/printer/decoder';
import { DEMO_CARD_BOOKING_CODE, demoVisitorCard } from './demoCard';
import type { SimulatedDevices } from './simulatedDevices';

export function simulatorCommandHelp(): string[] {
  const card = demoVisitorCard();
  return [
    'simulated devices: type a command and Enter',
    `  place        put the ID card of ${card.name ?? 'the demo visitor'} (${maskIdNumber(card.idNumber)}, booking ${DEMO_CARD_BOOKING_CODE}) on the reader`,
    '  remove       take the card off the reader',
    '  temp 37.8    the thermometer reports 37.8 °C from now on',
    '  paper out    the printer runs out of paper (paper ok / paper low)',
    '  help         this list',
  ];
}

export type SimulatorCommand =
  | { kind: 'place' }
  | { kind: 'remove' }
  | { kind: 'temp'; celsius: number }
  | { kind: 'paper'; paper: 'ok' | 'near_end' | 'out' }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string };

export function parseSimulatorCommand(line: string): SimulatorCommand | undefined {
  const [word = '', arg] = line.trim().toLowerCase().split(/\s+/);
  if (!word) return undefined;
  if (word === 'place' || word === 'p') return { kind: 'place' };
  if (word === 'remove' || word === 'r') return { kind: 'remove' };
  if (word === 'help' || word === 'h' || word === '?') return { kind: 'help' };
  if (word === 'temp' || word === 't') {
    const celsius = Number(arg);
    if (arg !== undefined && Number.isFinite(celsius) && celsius > 0 && celsius < 100) return { kind: 'temp', celsius };
  }
  if (word === 'paper') {
    const paper = arg === 'out' ? 'out' : arg === 'low' ? 'near_end' : arg === 'ok' ? 'ok' : undefined;
    if (paper) return { kind: 'paper', paper };
  }
  return { kind: 'unknown', text: line.trim().slice(0, 40) };
}

/** A job the simulated printer decoded, as lines for the terminal: the pass as printed, the QR by its length. */
export function describePrintedJob(job: DecodedJob): string[] {
  const out = ['printer: a job came out'];
  for (const line of job.lines) if (line.text.trim() !== '') out.push(`  | ${line.text}`);
  for (const qr of job.qr) out.push(`  | [QR code, ${qr.payload.length} characters]`);
  const extras = [
    job.images.length > 0 ? `${job.images.length} raster image${job.images.length === 1 ? '' : 's'}` : '',
    job.cuts.length > 0 ? `cut (${job.cuts.join(', ')})` : 'no cut',
    job.errors.length > 0 ? `${job.errors.length} decoding errors` : '',
  ].filter(Boolean);
  out.push(`  (${extras.join(', ')})`);
  return out;
}

/** Reads commands from `input` (stdin by default) until it ends; returns a function that stops listening. */
export function attachSimulatorConsole(
  sim: SimulatedDevices,
  input: Readable = process.stdin,
  print: (line: string) => void = (l) => console.log(`[devices] ${l}`),
): () => void {
  const rl = createInterface({ input, terminal: false });
  const offPrinted = sim.onPrinted((job) => describePrintedJob(job).forEach(print));
  rl.on('line', (line) => {
    const cmd = parseSimulatorCommand(line);
    switch (cmd?.kind) {
      case undefined:
        return;
      case 'place':
        sim.placeCard();
        return print('card placed on the reader');
      case 'remove':
        sim.removeCard();
        return print('card removed');
      case 'temp':
        sim.setTemperature(cmd.celsius);
        return print(`thermometer now reports ${cmd.celsius.toFixed(1)} °C`);
      case 'paper':
        sim.setPaper(cmd.paper);
        return print(`printer paper: ${cmd.paper === 'near_end' ? 'low' : cmd.paper}`);
      case 'help':
        return simulatorCommandHelp().forEach(print);
      case 'unknown':
        return print(`unknown command "${cmd.text}": try place, remove, temp 37.8, paper out or help`);
    }
  });
  return () => {
    offPrinted();
    rl.close();
  };
}
