import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../src/shared/idNumber';
import { checkIdNumberOfType, PlateNumber, WalkInLead, WalkInRegistration } from '../../../src/shared/walkIn';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
const RESIDENT = withCheck('11010519491231002');

describe('ID numbers by type', () => {
  it('checks resident IDs by GB 11643 and refuses a wrong check character', () => {
    expect(checkIdNumberOfType('resident_id', RESIDENT)).toBeNull();
    const wrong = RESIDENT.slice(0, 17) + (RESIDENT[17] === '0' ? '1' : '0');
    expect(checkIdNumberOfType('resident_id', wrong)).toBe('check_digit');
  });
  it('checks HK/Macao/Taiwan residence permits by their 81/82/83 address code and check character', () => {
    expect(checkIdNumberOfType('hkmo_tw_permit', withCheck('81000019800101001'))).toBeNull();
    expect(checkIdNumberOfType('hkmo_tw_permit', RESIDENT)).toBe('format');
  });
  it('checks foreign permanent residence cards in the 2017 and 2023 layouts', () => {
    expect(checkIdNumberOfType('foreign_permanent', 'USA110019800101')).toBeNull();
    expect(checkIdNumberOfType('foreign_permanent', withCheck('93310019800101001'))).toBeNull();
    expect(checkIdNumberOfType('foreign_permanent', '9331001980010100X'.slice(0, 17) + 'Q')).toBe('format');
  });
  it('accepts passports of 5 to 17 letters and digits only', () => {
    expect(checkIdNumberOfType('passport', 'E12345678')).toBeNull();
    expect(checkIdNumberOfType('passport', 'E1')).toBe('format');
    expect(checkIdNumberOfType('passport', 'E1234567-8')).toBe('format');
  });
});

describe('vehicle plates', () => {
  it.each(['粤B12345', '粤BD12345', '粤B12345D', '京A1234学', '沪A F1234'.replace(' ', '') + '5', '浙c·12345', '使123456'])('accepts %s', (plate) => {
    expect(PlateNumber.safeParse(plate).success).toBe(true);
  });
  it.each(['B12345', '粤B1234', '粤BI2345', '粤B123456D', 'abc', '粤B12<45'])('refuses %s', (plate) => {
    expect(PlateNumber.safeParse(plate).success).toBe(false);
  });
  it('normalises spaces, dots and case', () => {
    expect(PlateNumber.parse('浙 c·12345')).toBe('浙C12345');
  });
});

describe('a walk-in registration', () => {
  const lead = { name: '阿依古丽·买买提', phone: '13800138000', idType: 'resident_id', idNumber: RESIDENT, idSource: 'card' } as const;
  const base = {
    bookingId: 'wk-1',
    code: 'AB12CD34',
    hostId: 'h1',
    visitor: lead,
    companions: [],
    reason: '商务洽谈',
    windowStart: '2026-11-26T08:00:00.000Z',
    windowEnd: '2026-11-26T15:59:59.000Z',
    approval: 'desk',
    visitId: '6f1c1d5e-8f6a-4c1b-9d59-0d7f1b0e2a11',
    passId: 'p1',
  } as const;
  it('accepts a desk-approved registration with a minority name (middle dot)', () => {
    expect(WalkInRegistration.parse(base).visitor.name).toBe('阿依古丽·买买提');
  });
  it('refuses a window that ends before it starts', () => {
    expect(WalkInRegistration.safeParse({ ...base, windowEnd: '2026-11-26T07:00:00.000Z' }).success).toBe(false);
  });
  it('requires visits and passes exactly when the desk approves', () => {
    const { visitId: _v, passId: _p, ...noVisit } = base;
    expect(WalkInRegistration.safeParse(noVisit).success).toBe(false);
    expect(WalkInRegistration.safeParse({ ...noVisit, approval: 'host' }).success).toBe(true);
    expect(WalkInRegistration.safeParse({ ...base, approval: 'host' }).success).toBe(false);
  });
  it('refuses an invalid ID number and a lead without a phone', () => {
    expect(WalkInLead.safeParse({ ...lead, idNumber: RESIDENT.slice(0, 17) + 'Y' }).success).toBe(false);
    const { phone: _phone, ...noPhone } = lead;
    expect(WalkInLead.safeParse(noPhone).success).toBe(false);
  });
  it('refuses two people with one booking id', () => {
    const companion = {
      bookingId: 'wk-1',
      person: { name: '李四', idType: 'passport', idNumber: 'E12345678' },
      visitId: '7f1c1d5e-8f6a-4c1b-9d59-0d7f1b0e2a11',
      passId: 'p2',
    };
    expect(WalkInRegistration.safeParse({ ...base, companions: [companion] }).success).toBe(false);
  });
  it('refuses two people with one visit', () => {
    const companion = { bookingId: 'wk-2', person: { name: '李四', idType: 'passport', idNumber: 'E12345678' }, visitId: base.visitId, passId: 'p2' };
    expect(WalkInRegistration.safeParse({ ...base, companions: [companion] }).success).toBe(false);
    expect(WalkInRegistration.safeParse({ ...base, companions: [{ ...companion, visitId: '7f1c1d5e-8f6a-4c1b-9d59-0d7f1b0e2a11' }] }).success).toBe(true);
  });
});
