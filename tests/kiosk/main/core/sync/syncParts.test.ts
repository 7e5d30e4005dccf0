/** Pure parts of the sync engine and the event bus. */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../../src/main/core/sync/backoff';
import { KioskEventBus } from '../../../../../src/main/core/events';
import { redactText } from '../../../../../src/shared/mask';
import { createLogger } from '../../../../../src/main/core/log';
import { withLog } from '../../../../support/kiosk/swapLog';

describe('backoff', () => {
  it('grows exponentially from 1 s and caps at 60 s', () => {
    const lo = (n: number) => backoffDelayMs(n, undefined, () => 0);
    const hi = (n: number) => backoffDelayMs(n, undefined, () => 1);
    expect([1, 2, 3, 4].map(hi)).toEqual([1000, 2000, 4000, 8000]);
    expect(hi(7)).toBe(60_000);
    expect(hi(1000)).toBe(60_000);
    expect(lo(1)).toBe(500);
    expect(lo(100)).toBe(30_000);
  });
  it('jitters between half and the full step', () => {
    for (let i = 0; i < 100; i++) {
      const d = backoffDelayMs(5);
      expect(d).toBeGreaterThanOrEqual(8000);
      expect(d).toBeLessThanOrEqual(16000);
    }
  });
});

describe('event bus', () => {
  it('delivers typed events to named and catch-all listeners; unsubscribe works', () => {
    const bus = new KioskEventBus(true);
    const got: unknown[] = [];
    const off = bus.on('bookings.changed', (p) => got.push(p.count));
    bus.onAny((name, payload) => got.push([name, payload]));
    bus.emit('bookings.changed', { count: 2 });
    off();
    bus.emit('bookings.changed', { count: 3 });
    expect(got).toEqual([2, ['bookings.changed', { count: 2 }], ['bookings.changed', { count: 3 }]]);
  });
  it('refuses payloads outside the contract when validating', () => {
    const bus = new KioskEventBus(true);
    expect(() => bus.emit('device.qr', { text: 'x', source: 'bluetooth', at: 'now' } as never)).toThrow(/contract/);
  });
  it('keeps going when a listener throws', () => {
    const bus = new KioskEventBus(true);
    const got: number[] = [];
    bus.on('bookings.changed', () => {
      throw new Error('boom');
    });
    bus.on('bookings.changed', (p) => got.push(p.count));
    withLog(
      () => {},
      () => bus.emit('bookings.changed', { count: 1 }),
    );
    expect(got).toEqual([1]);
  });
});

describe('logger', () => {
  it('redacts ID and mobile numbers', () => {
    const lines: string[] = [];
    withLog(
      (l) => lines.push(l),
      () => createLogger('t').info('visitor 13812345678 id 11010519491231002X', { phone: '13912345678' }),
      'debug',
    );
    expect(lines[0]).toContain('138****5678');
    expect(lines[0]).toContain('139****5678');
    expect(lines[0]).not.toContain('11010519491231002X');
    expect(lines[0]).toBe(redactText(lines[0]!));
  });
});
