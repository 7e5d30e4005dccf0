/**
 * ID card read latency: from the moment the simulator writes the LAST chunk of the 1295-byte read reply to the
 * pty, to the driver's `card` event. Real serialport on socat ptys, real framing, reassembly, decoding and
 * de-duplication; the simulator sends the reply in 64-byte chunks. Target: p95 < 50 ms.
 */
import { IdCardReaderDriver } from '../src/main/devices/idcard/driver';
import { FIXTURES } from '../src/main/devices/idcard/fixtures';
import { startSimulatedReader } from '../src/main/devices/idcard/simPty';
import { Cmd } from '../src/main/devices/idcard/codec';
import { stats, type Bench } from './types';

const cards = [FIXTURES.resident, FIXTURES.J, FIXTURES.I, FIXTURES.Y, FIXTURES.resident2];

const bench: Bench = {
  name: 'idcard-latency',
  description: 'last byte of the read reply written by the simulator → driver card event (serialport on socat ptys)',
  async run({ samples = 100, log }) {
    const reader = await startSimulatedReader({
      latency: { findMs: 2, selectMs: 2, readMs: 5, otherMs: 1 },
      chunkSize: 64,
      chunkGapMs: 1,
    });
    const driver = IdCardReaderDriver.serial(reader.path, { pollIntervalMs: 20 });
    let lastChunkAt = NaN;
    const offReply = reader.sim.onReply((e) => {
      if (e.cmd === Cmd.readBase && e.sw3 === 0x90) lastChunkAt = e.lastChunkAt;
    });
    const out: number[] = [];
    const cycles: number[] = [];
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
      for (let i = 0; i < samples; i++) {
        const got = new Promise<number>((resolve) => {
          const off = driver.on('card', () => {
            off();
            resolve(performance.now());
          });
        });
        lastChunkAt = NaN;
        const insertedAt = performance.now();
        reader.insertCard(cards[i % cards.length]!);
        const at = await got;
        if (!(lastChunkAt <= at)) throw new Error(`read ${i}: card event without a matching read reply`);
        out.push(at - lastChunkAt);
        cycles.push(at - insertedAt);
        // take the card away and wait until the driver has seen it gone
        const gone = new Promise<void>((resolve) => {
          const off = driver.on('status', (e) => {
            if (e.type === 'cardRemoved') {
              off();
              resolve();
            }
          });
        });
        reader.removeCard();
        await gone;
        if ((i + 1) % 25 === 0) log(`  ${i + 1}/${samples} reads`);
      }
    } finally {
      offReply();
      await driver.stop();
      await reader.close();
    }
    return {
      name: bench.name,
      metric: 'last reply byte → card event',
      unit: 'ms',
      samples: out,
      target: { stat: 'p95', max: 50 },
      notes: {
        transport: 'serialport ↔ socat pty',
        replyBytes: 1295,
        chunkBytes: 64,
        'card on reader → card event, median ms (sim latency 2+2+5 ms, poll 20 ms)': Math.round(stats(cycles).median * 100) / 100,
      },
    };
  },
};
export default bench;
