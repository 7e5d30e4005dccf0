/**
 * What the ID card benches share: the SAM_V simulator on a socat pty sending its 1295-byte read reply in 64-byte
 * chunks, and the measuring loop (a card on the reader, the time from the reply's last chunk to the event the
 * bench waits for, the card taken away).
 */
import { Cmd } from '../src/main/devices/idcard/codec';
import { FIXTURES } from '../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../src/main/devices/idcard/simPty';
import { stats, type BenchResult } from './types';

const cards = [FIXTURES.resident, FIXTURES.J, FIXTURES.I, FIXTURES.Y, FIXTURES.resident2];

const READ_REPLY_BYTES = 1295;
const CHUNK_BYTES = 64;

/** the simulated reader every ID card bench reads from (sim latency 2+2+5 ms) */
export function startBenchReader(): Promise<SimulatedReader> {
  return startSimulatedReader({
    latency: { findMs: 2, selectMs: 2, readMs: 5, otherMs: 1 },
    chunkSize: CHUNK_BYTES,
    chunkGapMs: 1,
  });
}

export interface CardReadTimings {
  /** per read: last reply chunk written → the card event (ms) */
  samples: number[];
  /** median of card on the reader → the card event (ms, rounded to 0.01) */
  cycleMedianMs: number;
}

/**
 * Puts `samples` cards on the reader one after another. `cardEvent(i)` is called before read i starts and
 * resolves with the performance.now() at which the bench saw the card; `cardGone()` is called before the card
 * is taken away and resolves when the bench saw it gone.
 */
export async function timeCardReads(
  reader: SimulatedReader,
  opts: {
    samples: number;
    cardEvent: (i: number) => Promise<number>;
    cardGone: () => Promise<void>;
    logEvery: number;
    log: (line: string) => void;
  },
): Promise<CardReadTimings> {
  let lastChunkAt: number;
  const offReply = reader.sim.onReply((e) => {
    if (e.cmd === Cmd.readBase && e.sw3 === 0x90) lastChunkAt = e.lastChunkAt;
  });
  const out: number[] = [];
  const cycles: number[] = [];
  try {
    for (let i = 0; i < opts.samples; i++) {
      const got = opts.cardEvent(i);
      lastChunkAt = NaN;
      const insertedAt = performance.now();
      reader.insertCard(cards[i % cards.length]!);
      const at = await got;
      if (!(lastChunkAt <= at)) throw new Error(`read ${i}: card event without a matching read reply`);
      out.push(at - lastChunkAt);
      cycles.push(at - insertedAt);
      const gone = opts.cardGone();
      reader.removeCard();
      await gone;
      if ((i + 1) % opts.logEvery === 0) opts.log(`  ${i + 1}/${opts.samples} reads`);
    }
  } finally {
    offReply();
  }
  return { samples: out, cycleMedianMs: Math.round(stats(cycles).median * 100) / 100 };
}

/**
 * An ID card bench's result against the target every one of them has, p95 < 50 ms. `where` says what the reads
 * went through (the first note); `cycleNote` names the cycle median.
 */
export function cardReadResult(r: { name: string; metric: string; timings: CardReadTimings; where: Record<string, string>; cycleNote: string }): BenchResult {
  return {
    name: r.name,
    metric: r.metric,
    unit: 'ms',
    samples: r.timings.samples,
    target: { stat: 'p95', max: 50 },
    notes: {
      ...r.where,
      replyBytes: READ_REPLY_BYTES,
      chunkBytes: CHUNK_BYTES,
      [r.cycleNote]: r.timings.cycleMedianMs,
    },
  };
}
