/**
 * Commands typed on the launcher's terminal (stdin) that drive the simulated devices: place / remove the demo
 * ID card, set the thermometer's temperature. Nothing listens on the network for this.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { maskIdNumber } from '../../shared/mask';
import { DEMO_CARD_BOOKING_CODE, demoVisitorCard } from './demoCard';
import type { SimulatedDevices } from './simulatedDevices';

export function simulatorCommandHelp(): string[] {
  const card = demoVisitorCard();
  return [
    'simulated devices: type a command and Enter',
    `  place        put the ID card of ${card.name ?? 'the demo visitor'} (${maskIdNumber(card.idNumber)}, booking ${DEMO_CARD_BOOKING_CODE}) on the reader`,
    '  remove       take the card off the reader',
    '  temp 37.8    the thermometer reports 37.8 °C from now on',
    '  help         this list',
  ];
}

export type SimulatorCommand =
  | { kind: 'place' }
  | { kind: 'remove' }
  | { kind: 'temp'; celsius: number }
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
  return { kind: 'unknown', text: line.trim().slice(0, 40) };
}

/** Reads commands from `input` (stdin by default) until it ends; returns a function that stops listening. */
export function attachSimulatorConsole(sim: SimulatedDevices, input: Readable = process.stdin, print: (line: string) => void = (l) => console.log(`[devices] ${l}`)): () => void {
  const rl = createInterface({ input, terminal: false });
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
      case 'help':
        return simulatorCommandHelp().forEach(print);
      case 'unknown':
        return print(`unknown command "${cmd.text}": try place, remove, temp 37.8 or help`);
    }
  });
  return () => rl.close();
}
