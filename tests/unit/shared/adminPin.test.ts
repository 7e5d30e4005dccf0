import { describe, expect, it } from 'vitest';
import { pinBackoffMs, pinWeakness, SECTIONS_BY_ROLE } from '../../../src/shared/adminPin';

describe('admin PIN rules', () => {
  it('accept 6–12 digits that are neither one digit repeated nor a plain run', () => {
    for (const pin of ['204817', '135790', '112233', '987654321012'.slice(0, 11), '000001']) expect(pinWeakness(pin), pin).toBeUndefined();
  });

  it('refuse short, long, non-digit, repeated and sequential PINs', () => {
    expect(pinWeakness('12345')).toBe('length');
    expect(pinWeakness('1234567890123')).toBe('length');
    expect(pinWeakness('12a456')).toBe('digits');
    expect(pinWeakness('000000')).toBe('repeated');
    expect(pinWeakness('777777777')).toBe('repeated');
    expect(pinWeakness('123456')).toBe('sequence');
    expect(pinWeakness('654321')).toBe('sequence');
    expect(pinWeakness('7890123')).toBe('sequence');
    expect(pinWeakness('3210987')).toBe('sequence');
  });

  it('back off 1 s, 2 s, 4 s … at most 5 minutes', () => {
    expect([0, 1, 2, 3, 4].map(pinBackoffMs)).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(pinBackoffMs(9)).toBe(256_000);
    expect(pinBackoffMs(10)).toBe(300_000);
    expect(pinBackoffMs(1000)).toBe(300_000);
  });

  it('give staff fewer sections than the admin', () => {
    expect(SECTIONS_BY_ROLE.staff.every((s) => SECTIONS_BY_ROLE.admin.includes(s))).toBe(true);
    expect(SECTIONS_BY_ROLE.staff).not.toContain('policy');
    expect(SECTIONS_BY_ROLE.staff).not.toContain('devices');
    expect(SECTIONS_BY_ROLE.staff).not.toContain('enrolment');
  });
});
