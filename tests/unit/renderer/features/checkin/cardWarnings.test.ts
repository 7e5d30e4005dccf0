import { describe, expect, it } from 'vitest';
import { cardWarningKeys } from '../../../../../src/renderer/features/checkin/cardWarnings';

describe('ID card warnings shown at the desk', () => {
  it('maps the codes a person must act on, once each', () => {
    expect(
      cardWarningKeys([
        'card.expired: the card expired on 2025-01-15',
        'id_number.check_digit: the check digit of 110***********1234 is wrong',
        'id_number.birth_mismatch: differs',
        'id_number.format: not 17 digits',
      ]),
    ).toEqual(['card.warn.expired', 'card.warn.numberSuspect']);
  });
  it('shows nothing for a clean card or for warnings nobody can act on', () => {
    expect(cardWarningKeys([])).toEqual([]);
    expect(cardWarningKeys(['nation_code: unknown nation code "99"'])).toEqual([]);
  });
});
