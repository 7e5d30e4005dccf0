/**
 * Test cards for the simulator, built from a JSON description (`simulate id-reader --card FILE`).
 * All people and numbers are invented; some carry deliberate defects (bad check digit) to exercise warnings.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { WLT_LENGTH } from './photo';
import { encodeTextBlock, type CardTypeCode } from './textBlock';

const Str = z.string().max(64);
export const CardFixtureSchema = z
  .object({
    /** resident | J | I | Y (the ipc names resident / hkmotw_permit / foreign_2017 / foreign_2023 are accepted too) */
    type: z.enum(['resident', 'J', 'I', 'Y', 'hkmotw_permit', 'foreign_2017', 'foreign_2023']),
    name: Str.optional(),
    nameEn: z.string().max(60).optional(),
    /** sex code: 0, 1, 2, 9 */
    sex: Str.optional(),
    /** 2-digit nation code (resident) */
    nation: Str.optional(),
    birthDate: Str.optional(),
    address: Str.optional(),
    idNumber: Str,
    issuer: Str.optional(),
    issuerCode: Str.optional(),
    validFrom: Str.optional(),
    /** YYYYMMDD or 长期 */
    validUntil: Str.optional(),
    passNumber: Str.optional(),
    issueCount: Str.optional(),
    nationality: Str.optional(),
    cardVersion: Str.optional(),
    renewalCount: Str.optional(),
    previousNumberLink: Str.optional(),
    /** seed for the 1024-byte stand-in photo blob (not a real WLT image) */
    photoSeed: z.number().int().optional(),
    /** fingerprint templates returned by `30 10` (0–2, 512 bytes each) */
    fingerprints: z.number().int().min(0).max(2).optional(),
  })
  .strict();
export type CardFixture = z.infer<typeof CardFixtureSchema>;

export interface SimCard {
  /** a label for logs (no ID number) */
  label: string;
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array;
}

export function typeCodeOf(type: CardFixture['type']): CardTypeCode {
  switch (type) {
    case 'J':
    case 'hkmotw_permit':
      return 'J';
    case 'I':
    case 'foreign_2017':
      return 'I';
    case 'Y':
    case 'foreign_2023':
      return 'Y';
    default:
      return '';
  }
}

/** Deterministic filler bytes (xorshift32) standing in for the vendor-compressed photo. */
export function fillerBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function buildSimCard(fixture: CardFixture): SimCard {
  const typeCode = typeCodeOf(fixture.type);
  const values: Record<string, string> = {};
  const set = (key: string, v: string | undefined): void => {
    if (v !== undefined) values[key] = v;
  };
  set('name', fixture.name);
  set('nameEn', fixture.nameEn);
  set('sexCode', fixture.sex);
  set('nationCode', fixture.nation);
  set('birthDate', fixture.birthDate);
  set('address', fixture.address);
  set('idNumber', fixture.idNumber);
  set('issuer', fixture.issuer);
  set('issuerCode', fixture.issuerCode);
  set('validFrom', fixture.validFrom);
  set('validUntil', fixture.validUntil);
  set('passNumber', fixture.passNumber);
  set('issueCount', fixture.issueCount);
  set('nationality', fixture.nationality);
  set('cardVersion', fixture.cardVersion);
  set('renewalCount', fixture.renewalCount);
  set('previousNumberLink', fixture.previousNumberLink);
  const seed = fixture.photoSeed ?? [...fixture.idNumber].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return {
    label: `${typeCode || 'resident'} card`,
    text: encodeTextBlock(typeCode, values),
    photo: fillerBytes(WLT_LENGTH, seed),
    fingerprint: fillerBytes(512 * (fixture.fingerprints ?? 0), seed ^ 0x5a5a5a5a),
  };
}

/** Reads and validates a card JSON file; throws with the schema problem. */
export function loadCardFixture(path: string): CardFixture {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const r = CardFixtureSchema.safeParse(json);
  if (!r.success) throw new Error(`${path}: not a card description: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The built-in cards: one per type, plus defective ones. */
export const FIXTURES = {
  resident: {
    type: 'resident',
    name: '李秀英',
    sex: '2',
    nation: '01',
    birthDate: '19491231',
    address: '北京市朝阳区建国路88号院3号楼2单元501室',
    idNumber: '11010519491231002X',
    issuer: '北京市公安局朝阳分局',
    validFrom: '20150610',
    validUntil: '长期',
  },
  resident2: {
    type: 'resident',
    name: '王建国',
    sex: '1',
    nation: '03',
    birthDate: '19900307',
    address: '广东省深圳市南山区科技园南区深南大道9988号',
    idNumber: '440306199003071232',
    issuer: '深圳市公安局南山分局',
    validFrom: '20180801',
    validUntil: '20380801',
    fingerprints: 2,
  },
  residentBadCheck: {
    type: 'resident',
    name: '赵敏',
    sex: '2',
    nation: '05',
    birthDate: '19491231',
    address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路1号',
    idNumber: '110105194912310021',
    issuer: '乌鲁木齐市公安局天山区分局',
    validFrom: '20100101',
    validUntil: '20300101',
  },
  J: {
    type: 'J',
    name: '陈大文',
    sex: '1',
    birthDate: '19900101',
    address: '广东省广州市天河区珠江新城花城大道66号',
    idNumber: '810000199001011230',
    issuer: '广州市公安局天河区分局',
    validFrom: '20200115',
    validUntil: '20250115',
    passNumber: 'H12345678',
    issueCount: '01',
  },
  I: {
    type: 'I',
    nameEn: 'SMITH, JOHN ALEXANDER',
    name: '史约翰',
    sex: '1',
    idNumber: 'USA110085061512',
    nationality: 'USA',
    validFrom: '20170601',
    validUntil: '20270601',
    birthDate: '19850615',
    cardVersion: '01',
    issuerCode: '1100',
  },
  Y: {
    type: 'Y',
    name: '玛丽亚',
    nameEn: 'GARCIA FERNANDEZ, MARIA DE LOS ANGELES CARMEN',
    sex: '2',
    renewalCount: '00',
    birthDate: '19850615',
    idNumber: '911840198506151241',
    validFrom: '20230901',
    validUntil: '20330901',
    nationality: 'USA',
    previousNumberLink: '005',
  },
  YBadCheck: {
    type: 'Y',
    name: '汤姆',
    nameEn: 'BROWN, TOM',
    sex: '1',
    renewalCount: '01',
    birthDate: '19850615',
    idNumber: '911840198506151234',
    validFrom: '20230901',
    validUntil: '20330901',
    nationality: 'GBR',
    previousNumberLink: '017',
  },
} as const satisfies Record<string, CardFixture>;
export type FixtureName = keyof typeof FIXTURES;
