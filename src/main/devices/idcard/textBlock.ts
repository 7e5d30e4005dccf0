/**
 * The 256-byte UCS-2LE text block (device-protocols.md §1.7): resident ID card, HK/Macau/Taiwan residence permit
 * (J), foreign permanent resident card 2017 (I) and 2023 (Y). Decoding never throws: anything odd becomes a
 * warning on the card. Warnings never contain a full ID number.
 */
import { checkIdNumber } from '../../../shared/idNumber';
import type { IdCardType } from '../../../shared/ipc';
import { maskIdNumber } from '../../../shared/mask';
import { NATION, nationName, SEX, sexName, sexNameEn } from './codeTables';
import type { DecodedPhoto } from './photo';
import { WLT_LENGTH } from './photo';

export { type IdCardType };
export const TEXT_BLOCK_LENGTH = 256;
/** `长期` (long-term) in the valid-until field: 7F 95 1F 67 */
export const LONG_TERM = '长期';

/** Bytes 248–249: '' for a resident card, else the type letter. */
export type CardTypeCode = '' | 'J' | 'I' | 'Y';

export const CARD_TYPE_BY_CODE: Readonly<Record<CardTypeCode, IdCardType>> = {
  '': 'resident',
  J: 'hkmotw_permit',
  I: 'foreign_2017',
  Y: 'foreign_2023',
};

/** Every decoded field. Optional fields exist only on the card types noted. */
export interface IdCard {
  cardType: IdCardType;
  typeCode: CardTypeCode;
  /** Chinese name (resident, J, Y); for I the Chinese name, or the English name when that is blank */
  name: string;
  /** I and Y: English name (Y: both parts joined) */
  nameEn?: string;
  sexCode: string;
  /** 男 / 女 / 未知 / 未说明, or the raw code */
  sex: string;
  sexEn: string;
  /** resident only */
  nationCode?: string;
  nation?: string;
  /** YYYYMMDD */
  birthDate: string;
  /** resident and J */
  address?: string;
  /** resident/J/Y: the 18-character number; I: the 15-character permanent-residence number */
  idNumber: string;
  /** resident and J: 签发机关 */
  issuer?: string;
  /** I: 当次申请受理机关代码 */
  issuerCode?: string;
  /** YYYYMMDD */
  validFrom: string;
  /** YYYYMMDD, or 长期 */
  validUntil: string;
  longTerm: boolean;
  /** J: 通行证号码 */
  passNumber?: string;
  /** J: 签发次数 */
  issueCount?: string;
  /** I and Y: 3-letter nationality / region code */
  nationality?: string;
  /** I: card version */
  cardVersion?: string;
  /** Y: 换证次数 */
  renewalCount?: string;
  /** Y: 既往版本号码关联项 (3 characters) */
  previousNumberLink?: string;
  /** Y: the holder's old 15-character number, derived per §1.7.4 (single-source rule) */
  previousNumber?: string;
  /** the raw 1024-byte WLT photo; decode with a PhotoDecoder */
  photoWlt: Uint8Array;
  /** set when a PhotoDecoder was plugged in and succeeded */
  photo?: DecodedPhoto;
  /** `30 10` reads only */
  fingerprint?: Uint8Array;
  /** `30 03` appended address, when read */
  appendedAddress?: string;
  /** "code: explanation" lines; never contain a full ID number */
  warnings: string[];
}

interface FieldSpec {
  key: string;
  offset: number;
  bytes: number;
}
const f = (key: string, offset: number, bytes: number): FieldSpec => ({ key, offset, bytes });

/** §1.7.1 – §1.7.4 */
export const LAYOUTS: Readonly<Record<CardTypeCode, readonly FieldSpec[]>> = {
  '': [
    f('name', 0, 30),
    f('sexCode', 30, 2),
    f('nationCode', 32, 4),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validUntil', 204, 16),
  ],
  J: [
    f('name', 0, 30),
    f('sexCode', 30, 2),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validUntil', 204, 16),
    f('passNumber', 220, 18),
    f('issueCount', 238, 4),
    f('typeMark', 248, 2),
  ],
  I: [
    f('nameEn', 0, 120),
    f('sexCode', 120, 2),
    f('idNumber', 122, 30),
    f('nationality', 152, 6),
    f('name', 158, 30),
    f('validFrom', 188, 16),
    f('validUntil', 204, 16),
    f('birthDate', 220, 16),
    f('cardVersion', 236, 4),
    f('issuerCode', 240, 8),
    f('typeMark', 248, 2),
  ],
  Y: [
    f('name', 0, 30),
    f('sexCode', 30, 2),
    f('renewalCount', 32, 4),
    f('birthDate', 36, 16),
    f('nameEn1', 52, 70),
    f('idNumber', 122, 36),
    f('validFrom', 188, 16),
    f('validUntil', 204, 16),
    f('nameEn2', 220, 22),
    f('nationality', 242, 6),
    f('typeMark', 248, 2),
    f('previousNumberLink', 250, 6),
  ],
};

const utf16 = new TextDecoder('utf-16le');
const PADDING = /[\s\u0000]+$/u;

/** UCS-2LE text (an odd last byte ignored), trailing spaces and NULs trimmed (raw: not trimmed). */
export function decodeUcs2(bytes: Uint8Array, raw = false): string {
  const s = utf16.decode(bytes.subarray(0, bytes.length & ~1));
  return raw ? s : s.replace(PADDING, '');
}

/** `bytes` bytes of UCS-2LE spaces: an empty field. */
function blankUcs2(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 2) out[i] = 0x20;
  return out;
}

/** Writes `s` as UCS-2LE at `offset`, at most `bytes / 2` characters; the rest of the field is left as it is. */
function putUcs2(target: Uint8Array, offset: number, bytes: number, s: string): void {
  for (let i = 0; i < Math.min(Math.floor(bytes / 2), s.length); i++) {
    const c = s.charCodeAt(i);
    target[offset + 2 * i] = c & 0xff;
    target[offset + 2 * i + 1] = c >> 8;
  }
}

/** A space-padded UCS-2LE field of `bytes` bytes holding `s` (cut to fit). */
export function encodeUcs2(s: string, bytes: number): Uint8Array {
  const out = blankUcs2(bytes);
  putUcs2(out, 0, bytes, s);
  return out;
}

/** The type letter in bytes 248–249. */
export function cardTypeCodeOf(block: Uint8Array): CardTypeCode {
  if (block[249] !== 0x00) return '';
  switch (block[248]) {
    case 0x49:
      return 'I';
    case 0x4a:
      return 'J';
    case 0x59:
      return 'Y';
    default:
      return '';
  }
}

const isDate = (s: string): boolean => {
  if (!/^\d{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

const ICAO_WEIGHTS = [7, 3, 1] as const;
function icaoValue(ch: string): number | undefined {
  if (/^\d$/.test(ch)) return Number(ch);
  if (/^[A-Z]$/.test(ch)) return ch.charCodeAt(0) - 55;
  if (ch === '<') return 0;
  return undefined;
}

/**
 * §1.7.4 ([C14], one source): country code + number[1..2] + link[0..1] + number[8..13] + link[2] + check digit,
 * the check being ICAO 7-3-1 weights mod 10. undefined when the inputs are not usable.
 */
export function derivePreviousForeignNumber(nationality: string, idNumber: string, link: string): string | undefined {
  if (nationality.length !== 3 || idNumber.length !== 18 || link.length !== 3) return undefined;
  const body = `${nationality}${idNumber.slice(1, 3)}${link.slice(0, 2)}${idNumber.slice(8, 14)}${link[2]}`.toUpperCase();
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = icaoValue(body[i]!);
    if (v === undefined) return undefined;
    sum += v * ICAO_WEIGHTS[i % 3]!;
  }
  return `${body}${sum % 10}`;
}

function checkNumber(card: IdCard, warnings: string[], note = ''): void {
  const problem = checkIdNumber(card.idNumber);
  const masked = maskIdNumber(card.idNumber);
  if (problem === 'format') {
    warnings.push(`id_number.format: ${masked} is not 17 digits and a check character${note}`);
    return;
  }
  if (problem === 'birth_date') warnings.push(`id_number.birth_date: ${masked} holds an impossible birth date${note}`);
  if (problem === 'check_digit') warnings.push(`id_number.check_digit: the check digit of ${masked} is wrong (GB 11643 MOD 11-2)${note}`);
  const numberBirth = card.idNumber.slice(6, 14);
  if (problem !== 'birth_date' && isDate(card.birthDate) && numberBirth !== card.birthDate) {
    warnings.push(`id_number.birth_mismatch: the number's birth date differs from the card's birth date`);
  }
  const seq = Number(card.idNumber[16]);
  if (card.sexCode === '1' || card.sexCode === '2') {
    const numberSex = seq % 2 === 1 ? '1' : '2';
    if (numberSex !== card.sexCode) warnings.push(`id_number.sex_mismatch: the number's sequence digit does not match sex ${card.sex}`);
  }
}

/**
 * Decodes a text block (plus the raw photo and optional fingerprint) into an IdCard. Never throws.
 */
export function decodeCard(text: Uint8Array, photoWlt: Uint8Array = new Uint8Array(0), fingerprint?: Uint8Array): IdCard {
  const warnings: string[] = [];
  let block = text;
  if (text.length !== TEXT_BLOCK_LENGTH) {
    warnings.push(`text.length: text block is ${text.length} bytes, expected ${TEXT_BLOCK_LENGTH}`);
    block = blankUcs2(TEXT_BLOCK_LENGTH);
    block.set(text.subarray(0, TEXT_BLOCK_LENGTH));
  }
  if (photoWlt.length !== WLT_LENGTH) warnings.push(`photo.length: photo is ${photoWlt.length} bytes, expected ${WLT_LENGTH}`);

  const typeCode = cardTypeCodeOf(block);
  const v: Record<string, string> = {};
  for (const spec of LAYOUTS[typeCode]) v[spec.key] = decodeUcs2(block.subarray(spec.offset, spec.offset + spec.bytes), spec.key === 'nameEn1');
  const get = (k: string): string => v[k] ?? '';

  const sexCode = get('sexCode');
  const validUntil = get('validUntil');
  const card: IdCard = {
    cardType: CARD_TYPE_BY_CODE[typeCode],
    typeCode,
    name: get('name'),
    sexCode,
    sex: sexName(sexCode),
    sexEn: sexNameEn(sexCode),
    birthDate: get('birthDate'),
    idNumber: get('idNumber').toUpperCase(),
    validFrom: get('validFrom'),
    validUntil,
    longTerm: validUntil === LONG_TERM,
    photoWlt: photoWlt.slice(),
    warnings,
  };
  if (fingerprint) card.fingerprint = fingerprint.slice();

  switch (typeCode) {
    case '':
      card.nationCode = get('nationCode');
      card.nation = nationName(card.nationCode);
      card.address = get('address');
      card.issuer = get('issuer');
      if (!NATION.has(card.nationCode)) warnings.push(`nation_code: unknown nation code "${card.nationCode}"`);
      break;
    case 'J':
      card.address = get('address');
      card.issuer = get('issuer');
      card.passNumber = get('passNumber');
      card.issueCount = get('issueCount');
      break;
    case 'I':
      card.nameEn = get('nameEn');
      if (!card.name) card.name = card.nameEn;
      card.nationality = get('nationality');
      card.cardVersion = get('cardVersion');
      card.issuerCode = get('issuerCode');
      break;
    case 'Y': {
      card.nameEn = `${get('nameEn1')}${get('nameEn2')}`.replace(PADDING, '');
      card.renewalCount = get('renewalCount');
      card.nationality = get('nationality');
      card.previousNumberLink = get('previousNumberLink');
      const prev = derivePreviousForeignNumber(card.nationality, card.idNumber, card.previousNumberLink);
      if (prev) card.previousNumber = prev;
      break;
    }
  }

  if (!card.name) warnings.push('name.empty: the name field is blank');
  if (!SEX.has(sexCode)) warnings.push(`sex_code: unknown sex code "${sexCode}"`);
  if (!isDate(card.birthDate)) warnings.push(`birth_date: "${card.birthDate}" is not a valid YYYYMMDD date`);
  if (!isDate(card.validFrom)) warnings.push(`valid_from: "${card.validFrom}" is not a valid YYYYMMDD date`);
  if (!card.longTerm && !isDate(validUntil)) warnings.push(`valid_until: "${validUntil}" is neither a YYYYMMDD date nor ${LONG_TERM}`);
  if (isDate(card.validFrom) && isDate(validUntil) && validUntil < card.validFrom) {
    warnings.push('valid_until.before_from: the card expires before it becomes valid');
  }
  if (typeCode === 'I') {
    if (card.idNumber.length !== 15) warnings.push(`id_number.format: permanent-residence number ${maskIdNumber(card.idNumber)} is not 15 characters`);
    if (card.nationality && !/^[A-Z]{3}$/.test(card.nationality)) warnings.push(`nationality: "${card.nationality}" is not a 3-letter code`);
  } else if (typeCode === 'Y') {
    if (!card.idNumber.startsWith('9')) warnings.push(`id_number.format: 2023 foreign number ${maskIdNumber(card.idNumber)} does not start with 9`);
    checkNumber(card, warnings, ' (the MOD 11-2 rule for 9… numbers is unconfirmed)');
    if (card.nationality && !/^[A-Z]{3}$/.test(card.nationality)) warnings.push(`nationality: "${card.nationality}" is not a 3-letter code`);
  } else {
    checkNumber(card, warnings);
  }
  return card;
}

/** Builds a text block from field values (simulator, fixtures, tests): UCS-2LE, space-padded, type letter set. */
export function encodeTextBlock(typeCode: CardTypeCode, values: Readonly<Record<string, string>>): Uint8Array {
  const block = blankUcs2(TEXT_BLOCK_LENGTH);
  const fields = LAYOUTS[typeCode];
  for (const spec of fields) {
    if (spec.key === 'nameEn1' || spec.key === 'nameEn2' || spec.key === 'typeMark') continue;
    const val = values[spec.key];
    if (val !== undefined) putUcs2(block, spec.offset, spec.bytes, val);
  }
  if (typeCode === 'Y' && values.nameEn !== undefined) {
    putUcs2(block, 52, 70, values.nameEn.slice(0, 35));
    putUcs2(block, 220, 22, values.nameEn.slice(35));
  }
  if (typeCode !== '') putUcs2(block, 248, 2, typeCode);
  return block;
}

/** A stable identity for de-duplication (same card → same key). Contains the ID number: never log it. */
export const cardKey = (c: IdCard): string => `${c.cardType}|${c.idNumber}|${c.name}|${c.validFrom}`;

/** One log-safe line: type, masked number, warnings count. */
export function describeCard(c: IdCard): string {
  return `${c.cardType} ${maskIdNumber(c.idNumber)}${c.warnings.length ? ` (${c.warnings.length} warning${c.warnings.length > 1 ? 's' : ''})` : ''}`;
}
