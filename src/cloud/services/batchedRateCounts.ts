/**
 * Rate-limit counts written in batches, for a limit on a hot route (pass verify): a request far below its limit is
 * counted in this process and answered at once; what is counted goes to the database's counters (table rate_limits,
 * the same rows the exact counts bump) in one statement every FLUSH_MS, so a process writes a few times a second
 * rather than once per request (a SQLite commit is an fsync: ~5 ms here). Each flush reads back every key's total of
 * all processes.
 *
 * How exact: a request is answered without the database only while this process's unwritten count of its key stays
 * within half of what the last total read leaves under the limit; beyond, it waits for the running flush and writes
 * its own count at once, and is judged by the total that write returns. In one process that is exactly the limit.
 * With several processes on one database a limit may be exceeded by what the others counted but had not yet written:
 * at most FLUSH_MS of their requests, and at most half the limit each (half of what a process's last read of the key
 * left, and a process new to a key has read nothing). Once a key is over its limit in a window, its requests are
 * refused without a write (their count still goes to the database).
 */
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../db/schema';
import { addRateLimitHits } from '../repositories/rateLimits';

export const FLUSH_MS = 100;

interface Entry {
  key: string;
  windowStart: string;
  expiresAt: string;
  /** the database's total for the key and window, as last read */
  known: number;
  /** counted here, not yet written */
  pending: number;
  /** being written by the running flush */
  inFlight: number;
}

export class BatchedRateCounts {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** the latest clock reading of a hit: windows ended by it are forgotten (the app's clock, not the timer's) */
  private nowIso = '';

  constructor(
    private readonly db: Kysely<CloudSchema>,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Counts one hit of `key` in the window, at `nowIso`; resolves with the hits the limit is judged by (this one included). */
  async hit(key: string, windowStart: string, expiresAt: string, max: number, nowIso: string): Promise<number> {
    if (nowIso > this.nowIso) this.nowIso = nowIso;
    const id = `${key}\u0000${windowStart}`;
    let e = this.entries.get(id);
    if (!e) {
      e = { key, windowStart, expiresAt, known: 0, pending: 0, inFlight: 0 };
      this.entries.set(id, e);
    }
    const unwritten = e.inFlight + e.pending + 1;
    // over the limit already (a window's total only grows), or far enough below it: counted here, written later
    if (e.known > max || (e.known + unwritten <= max && unwritten <= Math.floor((max - e.known) / 2))) {
      e.pending++;
      this.schedule();
      return e.known + unwritten;
    }
    if (this.flushing) await this.flushing.catch(() => undefined);
    const add = e.pending + 1;
    e.pending = 0;
    let total: Map<string, number>;
    try {
      total = await addRateLimitHits(this.db, [{ key, window_start: windowStart, expires_at: expiresAt, hits: add }]);
    } catch (err) {
      e.pending += add - 1; // the hits answered before are still to be written; this one failed with its request
      throw err;
    }
    const hits = total.get(id) ?? add;
    e.known = Math.max(e.known, hits);
    return hits;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  /** Writes every count not yet written, in one statement; forgets the windows that have ended and hold nothing. */
  flush(): Promise<void> {
    // one flush at a time: each takes what is pending when it starts
    const run = (this.flushing ?? Promise.resolve()).then(() => this.flushOnce(this.nowIso));
    this.flushing = run;
    void run.finally(() => {
      if (this.flushing === run) this.flushing = undefined;
    });
    return run;
  }

  private async flushOnce(nowIso: string): Promise<void> {
    const batch = [...this.entries.entries()].filter(([, e]) => e.pending > 0);
    for (const [id, e] of this.entries) if (e.pending === 0 && e.inFlight === 0 && e.expiresAt <= nowIso) this.entries.delete(id);
    if (batch.length === 0) return;
    for (const [, e] of batch) {
      e.inFlight = e.pending;
      e.pending = 0;
    }
    try {
      const totals = await addRateLimitHits(
        this.db,
        batch.map(([, e]) => ({ key: e.key, window_start: e.windowStart, expires_at: e.expiresAt, hits: e.inFlight })),
      );
      for (const [id, e] of batch) e.known = Math.max(e.known, totals.get(id) ?? 0);
    } catch (err) {
      // not written: counted again with the next flush
      for (const [, e] of batch) e.pending += e.inFlight;
      this.onError(err);
      this.schedule();
    } finally {
      for (const [, e] of batch) e.inFlight = 0;
    }
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
