/**
 * ID card read latency: from the moment the simulator writes the LAST chunk of the 1295-byte read reply to the
 * pty, to the driver's `card` event. Real serialport on socat ptys, real framing, reassembly, decoding and
 * de-duplication; the simulator sends the reply in 64-byte chunks. Target: p95 < 50 ms.
 */
import { IdCardReaderDriver } from '../src/main/devices/idcard/driver';
import { cardReadResult, startBenchReader, timeCardReads, type CardReadTimings } from './idcardReads';
import type { Bench } from './types';

const bench: Bench = {
  name: 'idcard-latency',
  description: 'last byte of the read reply written by the simulator → driver card event (serialport on socat ptys)',
  async run({ samples = 100, log }) {
    const reader = await startBenchReader();
    const driver = IdCardReaderDriver.serial(reader.path, { pollIntervalMs: 20 });
    let timings: CardReadTimings;
    try {
      driver.start();
      await new Promise<void>((resolve) => {
        const off = driver.on('status', (e) => {
          if (e.type === 'connected') {
            off();
            resolve();
          }
        });
      });
      timings = await timeCardReads(reader, {
        samples,
        cardEvent: () =>
          new Promise<number>((resolve) => {
            const off = driver.on('card', () => {
              off();
              resolve(performance.now());
            });
          }),
        // the card is taken away: wait until the driver has seen it gone
        cardGone: () =>
          new Promise<void>((resolve) => {
            const off = driver.on('status', (e) => {
              if (e.type === 'cardRemoved') {
                off();
                resolve();
              }
            });
          }),
        logEvery: 25,
        log,
      });
    } finally {
      await driver.stop();
      await reader.close();
    }
    return cardReadResult({
      name: bench.name,
      metric: 'last reply byte → card event',
      timings,
      where: { transport: 'serialport ↔ socat pty' },
      cycleNote: 'card on reader → card event, median ms (sim latency 2+2+5 ms, poll 20 ms)',
    });
  },
};
export default bench;
