import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from '../../../src/shared/dateTimeFormats';
import { isValidTimeZone, localDate } from '../../../src/shared/siteDay';

describe('dateTimeFormat', () => {
  const day = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

  it('gives the same instance for the same locale and options, another for another zone', () => {
    const a = dateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', ...day });
    expect(dateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', ...day })).toBe(a);
    expect(dateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', ...day })).not.toBe(a);
  });

  it('formats as a freshly made Intl format does, across a zone’s day boundary', () => {
    for (const iso of ['2026-11-25T15:59:59Z', '2026-11-25T16:00:00Z', '2026-03-29T00:30:00Z']) {
      for (const timeZone of ['Asia/Shanghai', 'Europe/Berlin', 'America/Los_Angeles']) {
        expect(localDate(iso, timeZone)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone, ...day }).format(new Date(iso)));
      }
    }
    expect(localDate('2026-11-25T16:00:00Z', 'Asia/Shanghai')).toBe('2026-11-26');
  });

  it('throws on an unknown zone and keeps nothing for it', () => {
    expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
