/**
 * Runs an IdCardSimulator on a socat pty pair, behind a stable path the driver opens (like /dev/ttyUSB0).
 * `unplug()` kills the pty pair (the host end vanishes, as when the USB-serial cable is pulled); `replug()` makes
 * a new pair behind the same stable path, with a fresh simulator that keeps the card and options.
 */
import { PluggablePty } from '../sim/pluggablePty';
import { SerialTransport } from '../transport/serialTransport';
import type { CardFixture, SimCard } from './fixtures';
import { IdCardSimulator, type IdCardSimulatorOptions } from './simulator';

export interface SimulatedReader {
  /** the stable path the kiosk opens (a symlink to the current pty) */
  readonly path: string;
  /** the simulator currently plugged in (a new one after each replug) */
  readonly sim: IdCardSimulator;
  readonly plugged: boolean;
  insertCard(card: SimCard | CardFixture): void;
  removeCard(): void;
  /** pull the cable: the pty pair disappears */
  unplug(): Promise<void>;
  /** plug it back in: a new pty pair behind the same path */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export interface SimulatedReaderOptions extends Omit<IdCardSimulatorOptions, 'lineSpeed'> {
  /** a card on the reader from the start */
  card?: SimCard | CardFixture;
  /** legacy module fixed at this baud rate (the simulator checks the host line speed) */
  moduleBaudRate?: number;
  /** where the stable symlink goes (default: a new temp dir) */
  path?: string;
}

export async function startSimulatedReader(options: SimulatedReaderOptions = {}): Promise<SimulatedReader> {
  let sim: IdCardSimulator | undefined;
  let card: SimCard | CardFixture | undefined = options.card;
  const pty = await PluggablePty.create({ name: 'idreader', linkName: 'ttyIDR0', ...(options.path ? { path: options.path } : {}) }, async (pair) => {
    const transport = new SerialTransport(pair.devicePath, options.moduleBaudRate ?? 115200);
    const s = new IdCardSimulator(transport, {
      ...options,
      ...(options.moduleBaudRate ? { lineSpeed: { baudRate: options.moduleBaudRate, hostPath: pair.hostPath } } : {}),
    });
    if (card) s.insertCard(card);
    await s.start();
    sim = s;
    return () => s.stop();
  });
  return {
    path: pty.path,
    get sim(): IdCardSimulator {
      if (!sim) throw new Error('simulated reader closed');
      return sim;
    },
    get plugged(): boolean {
      return pty.pluggedIn;
    },
    insertCard(c) {
      card = c;
      sim?.insertCard(c);
    },
    removeCard() {
      card = undefined;
      sim?.removeCard();
    },
    unplug: () => pty.unplug(),
    replug: () => pty.replug(),
    close: () => pty.close(),
  };
}
