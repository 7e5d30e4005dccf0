/**
 * Runs an IdCardSimulator on a socat pty pair, behind a stable path the driver opens (like /dev/ttyUSB0).
 * `unplug()` kills the pty pair (the host end vanishes, as when the USB-serial cable is pulled); `replug()` makes
 * a new pair behind the same stable path, with a fresh simulator that keeps the card and options.
 */
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../sim/ptyPair';
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
  let dir: string | undefined;
  let path = options.path;
  if (!path) {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-idreader-'));
    path = join(dir, 'ttyIDR0');
  }
  const stablePath = path;
  let pair: PtyPair | undefined;
  let sim: IdCardSimulator | undefined;
  let card: SimCard | CardFixture | undefined = options.card;

  const plug = async (): Promise<void> => {
    const p = await createPtyPair('idreader');
    try {
      unlinkSync(stablePath);
    } catch {
      /* not there yet */
    }
    symlinkSync(p.hostPath, stablePath);
    const transport = new SerialTransport(p.devicePath, options.moduleBaudRate ?? 115200);
    const s = new IdCardSimulator(transport, {
      ...options,
      ...(options.moduleBaudRate ? { lineSpeed: { baudRate: options.moduleBaudRate, hostPath: p.hostPath } } : {}),
    });
    if (card) s.insertCard(card);
    await s.start();
    pair = p;
    sim = s;
  };

  const unplug = async (): Promise<void> => {
    const p = pair;
    const s = sim;
    pair = undefined;
    try {
      unlinkSync(stablePath);
    } catch {
      /* already gone */
    }
    await s?.stop();
    await p?.close();
  };

  await plug();
  return {
    path: stablePath,
    get sim(): IdCardSimulator {
      if (!sim) throw new Error('simulated reader closed');
      return sim;
    },
    get plugged(): boolean {
      return pair !== undefined;
    },
    insertCard(c) {
      card = c;
      sim?.insertCard(c);
    },
    removeCard() {
      card = undefined;
      sim?.removeCard();
    },
    unplug,
    async replug() {
      if (pair) return;
      await plug();
    },
    async close() {
      await unplug();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
