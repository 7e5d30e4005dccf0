import { describe, expect, it } from 'vitest';
import { abortableSleep } from '../../../src/platform/abortableSleep';

describe('abortableSleep', () => {
  it('waits its time when nothing aborts', async () => {
    const started = Date.now();
    await abortableSleep(50, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('wakes at once on abort, and at once when already aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = abortableSleep(10_000, controller.signal);
    controller.abort();
    await waiting;
    await abortableSleep(10_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
