/**
 * Issue 12: the cloud server process runs the sweep job (src/cloud/services/sweepJob.ts) on a timer: at once, then every
 * interval, never two runs at once in one process (a tick during a run is skipped, not queued); stopping waits for a run under way and ends the runs; a failed run
 * is reported and the next one still comes.
 */
import { describe, expect, it } from 'vitest';
import { startSweepJob } from '../../../../src/cloud/services/sweepJob';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the sweep job’s timer', () => {
  it('runs at once and then every interval, one run at a time; a failure is reported and the runs go on; stop waits and ends them', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const errors: unknown[] = [];
    let release: (() => void) | undefined;
    const stop = startSweepJob(
      async () => {
        runs++;
        if (running > 0) overlapped = true;
        running++;
        try {
          if (runs === 2) throw new Error('database away');
          if (runs === 3) await new Promise<void>((r) => (release = r)); // a slow run: the ticks meanwhile wait for it
        } finally {
          running--;
        }
      },
      (err) => errors.push(err),
      20,
    );
    await tick(0);
    expect(runs).toBe(1); // at once
    for (let waited = 0; release === undefined && waited < 5000; waited += 10) await tick(10); // a busy machine delays timers
    await tick(100);
    expect(runs).toBe(3); // the third is still under way: no run started beside it, none queued behind it
    expect(errors).toEqual([expect.objectContaining({ message: 'database away' })]);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await tick(30);
    expect(stopped).toBe(false); // waits for the run under way
    release!();
    await stopping;
    await tick(80);
    expect(runs).toBe(3); // none after stop, none of the skipped ticks
    expect(overlapped).toBe(false);
  });
});
