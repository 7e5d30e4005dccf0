/**
 * maskedName (src/shared/mask.ts): a name already in maskName's shape is kept as it is, anything else is masked; the
 * cloud uses it on the names a kiosk reports with a blacklist refusal.
 */
import { describe, expect, it } from 'vitest';
import { maskedName, maskName } from '../../../src/shared/mask';

describe('maskedName', () => {
  it('keeps what maskName made', () => {
    for (const name of ['张三', '欧阳娜娜', '白晶晶', 'John Smith', 'Li', 'A B']) expect(maskedName(maskName(name))).toBe(maskName(name));
  });

  it('masks a name that only looks half masked, or not at all', () => {
    expect(maskedName('后来者')).toBe('后*者');
    expect(maskedName('张三*')).toBe('张**');
    expect(maskedName('John Smith*')).toBe('J*** S*****');
    expect(maskedName('Jo*n')).toBe('J***');
  });
});
