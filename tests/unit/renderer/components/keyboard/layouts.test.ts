import { describe, expect, it } from 'vitest';
import { IdType } from '../../../../../src/shared/domain';
import { PlateNumber } from '../../../../../src/shared/walkIn';
import {
  fieldKindForIdType,
  keyAllowed,
  layoutFor,
  PLATE_LETTERS,
  PLATE_PROVINCE_KEYS,
  plateKeyAllowed,
  plateStage,
  type FieldKind,
  type KeypadLayout,
} from '../../../../../src/renderer/components/keyboard/layouts';

const charKeys = (layout: KeypadLayout): string[] => layout.rows.flat().flatMap((k) => (k.type === 'char' ? [k.value] : []));
const actions = (layout: KeypadLayout): string[] => layout.rows.flat().flatMap((k) => (k.type === 'char' ? [] : [k.type]));

/** Types `text` key by key, refusing what the plate rules refuse; returns what got in. */
function typePlate(text: string): string {
  let value = '';
  for (const key of text) if (plateKeyAllowed(value, key)) value += key;
  return value;
}

describe('on-screen keyboard layouts', () => {
  it('picks the keys by the field kind', () => {
    expect(charKeys(layoutFor('digits')).sort()).toEqual([...'0123456789']);
    expect(actions(layoutFor('digits'))).toEqual(expect.arrayContaining(['backspace', 'clear', 'enter']));
    expect(charKeys(layoutFor('idNumber')).sort()).toEqual([...'0123456789X']);
    const latin = charKeys(layoutFor('latin'));
    for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') expect(latin).toContain(ch);
    const pinyin = charKeys(layoutFor('chinese'));
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789·') expect(pinyin).toContain(ch);
    expect(actions(layoutFor('chinese'))).toEqual(expect.arrayContaining(['backspace', 'clear', 'enter', 'space']));
    const ids = (['digits', 'idNumber', 'latin', 'chinese', 'plate'] as FieldKind[]).map((k) => layoutFor(k).id);
    expect(ids).toEqual(['digits', 'idNumber', 'latin', 'pinyin', 'plateProvince']);
  });

  it('gives ID numbers of 17 digits and a check character the digit pad with X, the others letters', () => {
    expect(IdType.options.map((t) => [t, fieldKindForIdType(t)])).toEqual([
      ['resident_id', 'idNumber'],
      ['hkmo_tw_permit', 'idNumber'],
      ['foreign_permanent', 'latin'],
      ['passport', 'latin'],
      ['other', 'latin'],
    ]);
  });

  it('plate: the 31 provinces first, then the issuing letter, then letters and digits (no I or O), 8 at most', () => {
    expect(PLATE_PROVINCE_KEYS.join('')).toBe('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');
    expect(charKeys(layoutFor('plate', ''))).toEqual(PLATE_PROVINCE_KEYS);
    expect(charKeys(layoutFor('plate', '粤')).sort()).toEqual([...PLATE_LETTERS].sort());
    expect(charKeys(layoutFor('plate', '粤B')).sort()).toEqual([...'0123456789', ...PLATE_LETTERS].sort());
    expect(PLATE_LETTERS).not.toMatch(/[IO]/);
    expect(['', '粤', '粤B', '粤B1234', '粤BD12345'].map(plateStage)).toEqual(['province', 'letter', 'serial', 'serial', 'full']);
    expect(plateKeyAllowed('', 'B')).toBe(false);
    expect(plateKeyAllowed('', '粤')).toBe(true);
    expect(plateKeyAllowed('粤', '1')).toBe(false);
    expect(plateKeyAllowed('粤B', 'O')).toBe(false);
    expect(plateKeyAllowed('粤BD12345', '6')).toBe(false);
    expect(keyAllowed('latin', '粤BD12345', '6')).toBe(true);
  });

  it('plate: what the keys let through is what the shared plate rule takes, ordinary and new energy', () => {
    expect(typePlate('粤B12345')).toBe('粤B12345');
    expect(PlateNumber.parse(typePlate('粤B12345'))).toBe('粤B12345');
    expect(PlateNumber.parse(typePlate('京AD12345'))).toBe('京AD12345');
    expect(PlateNumber.parse(typePlate('沪A12345F'))).toBe('沪A12345F');
    // a ninth character, a letter where the province goes, an O: refused key by key
    expect(typePlate('粤BD123456')).toBe('粤BD12345');
    expect(typePlate('B粤B12345')).toBe('粤B12345');
    expect(typePlate('粤BO1234')).toBe('粤B1234');
    expect(PlateNumber.safeParse(typePlate('粤B1234')).success).toBe(false);
  });
});
