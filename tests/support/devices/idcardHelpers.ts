/** Shared helpers for the ID card reader tests (driver + simulator over socat ptys). */
import { IdCardReaderDriver, type IdCardReaderOptions, type ReaderEvent, type ReaderState } from '../../../src/main/devices/idcard/driver';
import { startSimulatedReader, type SimulatedReader, type SimulatedReaderOptions } from '../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../src/main/devices/idcard/simulator';
import type { IdCard } from '../../../src/main/devices/idcard/textBlock';
import { waitForState } from './waitForState';

export interface Rig {
  reader: SimulatedReader;
  driver: IdCardReaderDriver;
  cards: IdCard[];
  events: ReaderEvent[];
  states: ReaderState[];
  logs: string[];
  nextCard(): Promise<IdCard>;
  nextStatus<T extends ReaderEvent['type']>(type: T, pred?: (e: Extract<ReaderEvent, { type: T }>) => boolean): Promise<Extract<ReaderEvent, { type: T }>>;
  nextState(pred: (s: ReaderState) => boolean): Promise<ReaderState>;
  close(): Promise<void>;
}

export const FAST_DRIVER: Omit<IdCardReaderOptions, 'transport'> = {
  pollIntervalMs: 20,
  timeouts: { probeMs: 300, findMs: 300, selectMs: 300, readMs: 1500, otherMs: 300 },
  reconnect: { initialMs: 30, maxMs: 200 },
  samRecheckMs: 30,
};

export async function makeRig(simOpts: SimulatedReaderOptions = {}, driverOpts: Partial<IdCardReaderOptions> = {}, start = true): Promise<Rig> {
  const reader = await startSimulatedReader({ latency: FAST_LATENCY, chunkSize: 97, chunkGapMs: 0, ...simOpts });
  const logs: string[] = [];
  const driver = IdCardReaderDriver.serial(reader.path, { ...FAST_DRIVER, log: (l) => logs.push(l), ...driverOpts });
  const cards: IdCard[] = [];
  const events: ReaderEvent[] = [];
  const states: ReaderState[] = [];
  driver.on('card', (c) => cards.push(c));
  driver.on('status', (e) => events.push(e));
  driver.on('state', (s) => states.push(s));
  if (start) driver.start();
  return {
    reader,
    driver,
    cards,
    events,
    states,
    logs,
    nextCard: () =>
      new Promise((resolve) => {
        const off = driver.on('card', (c) => {
          off();
          resolve(c);
        });
      }),
    nextStatus: (type, pred) =>
      new Promise((resolve) => {
        const off = driver.on('status', (e) => {
          if (e.type === type && (!pred || pred(e as never))) {
            off();
            resolve(e as never);
          }
        });
      }),
    nextState: (pred) => waitForState(driver, pred),
    async close() {
      await driver.stop();
      await reader.close();
    },
  };
}
