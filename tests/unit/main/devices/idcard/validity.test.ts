import { describe, expect, it } from 'vitest';
import { calendarDay, validityWarnings } from '../../../../../src/main/devices/idcard/validity';

const at = new Date('2026-11-22T02:00:00Z'); // 10:00 in Shanghai

describe('ID card validity on the day of reading', () => {
  it('uses the calendar day of the given time zone', () => {
    expect(calendarDay(new Date('2026-11-21T17:00:00Z'), 'Asia/Shanghai')).toBe('20261122');
    expect(calendarDay(new Date('2026-11-21T17:00:00Z'), 'UTC')).toBe('20261121');
  });
  it('flags an expired card, and a card not valid yet', () => {
    expect(validityWarnings({ validFrom: '20150115', validUntil: '20250115', longTerm: false }, at, 'Asia/Shanghai')).toEqual([
      'card.expired: the card expired on 2025-01-15',
    ]);
    expect(validityWarnings({ validFrom: '20261201', validUntil: '20361201', longTerm: false }, at, 'Asia/Shanghai')).toEqual([
      'card.not_yet_valid: the card is valid from 2026-12-01',
    ]);
  });
  it('a card valid through today, a 长期 card and unreadable dates give no warning', () => {
    expect(validityWarnings({ validFrom: '20161122', validUntil: '20261122', longTerm: false }, at, 'Asia/Shanghai')).toEqual([]);
    expect(validityWarnings({ validFrom: '20061122', validUntil: '长期', longTerm: true }, at, 'Asia/Shanghai')).toEqual([]);
    expect(validityWarnings({ validFrom: 'xx', validUntil: '2025', longTerm: false }, at, 'Asia/Shanghai')).toEqual([]);
  });

  it("reads the card in China's calendar day wherever the kiosk stands", () => {
    // 2026-11-22 17:00 UTC is already the 23rd in Shanghai: a card valid until the 22nd has expired there
    const lateEvening = new Date('2026-11-22T17:00:00Z');
    expect(validityWarnings({ validFrom: '20161122', validUntil: '20261122', longTerm: false }, lateEvening)).toEqual([
      'card.expired: the card expired on 2026-11-22',
    ]);
    expect(validityWarnings({ validFrom: '20161122', validUntil: '20261122', longTerm: false }, lateEvening, 'UTC')).toEqual([]);
  });
});
