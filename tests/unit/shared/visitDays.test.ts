import { describe, expect, it } from 'vitest';
import { exitEndsVisit, isMultiDayWindow, mayEnterAgain } from '../../../src/shared/visitDays';

const TZ = 'Asia/Shanghai';
const oneDay = { windowStart: '2026-11-22T01:00:00.000Z', windowEnd: '2026-11-22T10:00:00.000Z' };
const threeDays = { windowStart: '2026-11-22T01:00:00.000Z', windowEnd: '2026-11-24T10:00:00.000Z' };

describe('multi-day visits (one rule for kiosk and cloud)', () => {
  it('a window is multi-day when its first and last instants fall on different site days', () => {
    expect(isMultiDayWindow(oneDay, TZ)).toBe(false);
    expect(isMultiDayWindow(threeDays, TZ)).toBe(true);
    // 09:00 to midnight (site time) is one day: the end instant itself is not inside
    expect(isMultiDayWindow({ windowStart: '2026-11-22T01:00:00.000Z', windowEnd: '2026-11-22T16:00:00.000Z' }, TZ)).toBe(false);
    // the same instants are two days in UTC... and one in Shanghai
    expect(isMultiDayWindow({ windowStart: '2026-11-22T20:00:00.000Z', windowEnd: '2026-11-23T02:00:00.000Z' }, 'UTC')).toBe(true);
    expect(isMultiDayWindow({ windowStart: '2026-11-22T20:00:00.000Z', windowEnd: '2026-11-23T02:00:00.000Z' }, TZ)).toBe(false);
  });

  it('enters again only on a multi-day window that has not ended', () => {
    expect(mayEnterAgain(threeDays, new Date('2026-11-23T01:00:00.000Z'), TZ)).toBe(true);
    expect(mayEnterAgain(threeDays, new Date('2026-11-24T10:00:01.000Z'), TZ)).toBe(false);
    expect(mayEnterAgain(oneDay, new Date('2026-11-22T02:00:00.000Z'), TZ)).toBe(false);
  });

  it('an exit ends a one-day visit, a multi-day one only when staff say so or after its window', () => {
    const day2 = new Date('2026-11-23T10:00:00.000Z');
    expect(exitEndsVisit(oneDay, new Date('2026-11-22T05:00:00.000Z'), TZ)).toBe(true);
    expect(exitEndsVisit(threeDays, day2, TZ)).toBe(false);
    expect(exitEndsVisit(threeDays, day2, TZ, true)).toBe(true);
    expect(exitEndsVisit(threeDays, new Date('2026-11-24T10:00:00.000Z'), TZ)).toBe(true);
  });
});
