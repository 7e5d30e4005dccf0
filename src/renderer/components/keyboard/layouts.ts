/**
 * The on-screen keyboard's layouts (issue 9, item 8): which keys a field gets, chosen by the field's kind, and the
 * rules of the plate layout (province, then the issuing letter, then letters and digits, eight characters at most for
 * a new-energy plate). Pure: the Keypad renders a layout, the dock picks it.
 */
import type { IdType } from '../../../shared/domain';
import { PLATE_PROVINCES } from '../../../shared/walkIn';

/** What a text field holds, which decides its keys. */
export type FieldKind = 'digits' | 'idNumber' | 'plate' | 'latin' | 'chinese';

export type KeyDef =
  | { readonly type: 'char'; readonly value: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'clear' }
  | { readonly type: 'enter' }
  | { readonly type: 'space' };

export type LayoutId = 'bookingCode' | 'digits' | 'idNumber' | 'plateProvince' | 'plateLetter' | 'plateSerial' | 'latin' | 'pinyin';

export interface KeypadLayout {
  readonly id: LayoutId;
  readonly rows: readonly (readonly KeyDef[])[];
}

const chars = (s: string): KeyDef[] => [...s].map((value) => ({ type: 'char', value }));
const BACKSPACE: KeyDef = { type: 'backspace' };
const CLEAR: KeyDef = { type: 'clear' };
const ENTER: KeyDef = { type: 'enter' };
const SPACE: KeyDef = { type: 'space' };

/** Booking codes (check-in search): digits, then Crockford base32 letters (no I, L, O, U). */
export const BOOKING_CODE_LAYOUT: KeypadLayout = {
  id: 'bookingCode',
  rows: [chars('1234567890'), chars('ABCDEFGHJKM'), chars('NPQRSTVWXYZ'), [CLEAR, BACKSPACE]],
};

const DIGITS_LAYOUT: KeypadLayout = {
  id: 'digits',
  rows: [chars('123'), chars('456'), chars('789'), [CLEAR, ...chars('0'), BACKSPACE], [ENTER]],
};

const ID_NUMBER_LAYOUT: KeypadLayout = {
  id: 'idNumber',
  rows: [chars('123'), chars('456'), chars('789'), [...chars('X0'), BACKSPACE], [CLEAR, ENTER]],
};

const LATIN_LAYOUT: KeypadLayout = {
  id: 'latin',
  rows: [chars('1234567890'), chars('QWERTYUIOP'), [...chars('ASDFGHJKL'), ...chars('-')], [...chars('ZXCVBNM'), BACKSPACE], [CLEAR, SPACE, ENTER]],
};

/** Letters go to the pinyin composition; the digits and the middle dot of minority names go straight in. */
const PINYIN_LAYOUT: KeypadLayout = {
  id: 'pinyin',
  rows: [chars('1234567890'), chars('qwertyuiop'), [...chars('asdfghjkl'), ...chars('·')], [...chars('zxcvbnm'), BACKSPACE], [CLEAR, SPACE, ENTER]],
};

/** The provinces' abbreviations, in the order the plate rule lists them. */
export const PLATE_PROVINCE_KEYS: readonly string[] = [...PLATE_PROVINCES];
/** Letters on a plate: no I or O (they read as 1 and 0). */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Ordinary plates have 7 characters, new-energy plates 8. */
export const PLATE_MAX_LENGTH = 8;

const rowsOf = (keys: readonly string[], size: number): KeyDef[][] => {
  const rows: KeyDef[][] = [];
  for (let i = 0; i < keys.length; i += size) rows.push(keys.slice(i, i + size).map((value) => ({ type: 'char', value })));
  return rows;
};

const PLATE_PROVINCE_LAYOUT: KeypadLayout = { id: 'plateProvince', rows: [...rowsOf(PLATE_PROVINCE_KEYS, 11), [CLEAR, BACKSPACE, ENTER]] };
const PLATE_LETTER_LAYOUT: KeypadLayout = { id: 'plateLetter', rows: [...rowsOf([...PLATE_LETTERS], 12), [CLEAR, BACKSPACE, ENTER]] };
const PLATE_SERIAL_LAYOUT: KeypadLayout = {
  id: 'plateSerial',
  rows: [chars('1234567890'), ...rowsOf([...PLATE_LETTERS], 12), [CLEAR, BACKSPACE, ENTER]],
};

/** Where a plate being typed stands, from what it holds (characters are only added at the end). */
export type PlateStage = 'province' | 'letter' | 'serial' | 'full';

export function plateStage(value: string): PlateStage {
  const length = [...value].length;
  if (length === 0) return 'province';
  if (length === 1) return 'letter';
  return length < PLATE_MAX_LENGTH ? 'serial' : 'full';
}

/** Whether the plate key `key` may follow `value`: a province first, then a letter, then letters or digits, 8 at most. */
export function plateKeyAllowed(value: string, key: string): boolean {
  switch (plateStage(value)) {
    case 'province':
      return PLATE_PROVINCE_KEYS.includes(key);
    case 'letter':
      return PLATE_LETTERS.includes(key);
    case 'serial':
      return /^[0-9]$/.test(key) || PLATE_LETTERS.includes(key);
    case 'full':
      return false;
  }
}

/** The keys a field of `kind` gets, given what it holds now (the plate's keys follow its stage). */
export function layoutFor(kind: FieldKind, value = ''): KeypadLayout {
  switch (kind) {
    case 'digits':
      return DIGITS_LAYOUT;
    case 'idNumber':
      return ID_NUMBER_LAYOUT;
    case 'latin':
      return LATIN_LAYOUT;
    case 'chinese':
      return PINYIN_LAYOUT;
    case 'plate': {
      const stage = plateStage(value);
      return stage === 'province' ? PLATE_PROVINCE_LAYOUT : stage === 'letter' ? PLATE_LETTER_LAYOUT : PLATE_SERIAL_LAYOUT;
    }
  }
}

/** Whether a character key may be typed into a field of `kind` holding `value` (only the plate restricts). */
export function keyAllowed(kind: FieldKind, value: string, key: string): boolean {
  return kind === 'plate' ? plateKeyAllowed(value, key) : true;
}

/**
 * The keys of an ID number by its type: resident IDs and the HK/Macau/Taiwan residence permits are 17 digits and a
 * check character (digit or X); passports, the 2017 foreign permanent residence card and other documents hold letters.
 */
export function fieldKindForIdType(idType: IdType): FieldKind {
  return idType === 'resident_id' || idType === 'hkmo_tw_permit' ? 'idNumber' : 'latin';
}
