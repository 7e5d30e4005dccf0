import { describe, expect, it } from 'vitest';
import { buildSimCard, CardFixtureSchema, FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { cardTypeCodeOf, decodeCard, derivePreviousForeignNumber, describeCard, encodeTextBlock } from '../../../../../src/main/devices/idcard/textBlock';
import { nationName, sexName } from '../../../../../src/main/devices/idcard/codeTables';

const decode = (name: keyof typeof FIXTURES) => {
  const sim = buildSimCard(FIXTURES[name]);
  return decodeCard(sim.text, sim.photo);
};

describe('text block: resident ID card (§1.7.1)', () => {
  it('decodes every field, 长期 validity, no warnings', () => {
    const c = decode('resident');
    expect(c).toMatchObject({
      cardType: 'resident',
      typeCode: '',
      name: '李秀英',
      sexCode: '2',
      sex: '女',
      sexEn: 'female',
      nationCode: '01',
      nation: '汉',
      birthDate: '19491231',
      address: '北京市朝阳区建国路88号院3号楼2单元501室',
      idNumber: '11010519491231002X',
      issuer: '北京市公安局朝阳分局',
      validFrom: '20150610',
      validUntil: '长期',
      longTerm: true,
      warnings: [],
    });
    expect(c.photoWlt).toHaveLength(1024);
  });

  it('stores 长期 as 7F 95 1F 67 followed by spaces', () => {
    const sim = buildSimCard(FIXTURES.resident);
    expect([...sim.text.subarray(204, 220)]).toEqual([0x7f, 0x95, 0x1f, 0x67, ...Array.from({ length: 6 }, () => [0x20, 0x00]).flat()]);
  });

  it('hand-built block at the spec offsets', () => {
    const block = new Uint8Array(256);
    for (let i = 0; i < 256; i += 2) block[i] = 0x20;
    const put = (off: number, s: string) =>
      [...s].forEach((ch, i) => {
        block[off + 2 * i] = ch.charCodeAt(0) & 0xff;
        block[off + 2 * i + 1] = ch.charCodeAt(0) >> 8;
      });
    put(0, '张三');
    put(30, '1');
    put(32, '98');
    put(36, '19900307');
    put(122, '440306199003071232');
    put(188, '20200101');
    put(204, '20300101');
    const c = decodeCard(block, new Uint8Array(1024));
    expect(c).toMatchObject({ name: '张三', sex: '男', nation: '外国血统中国籍人士', idNumber: '440306199003071232', longTerm: false });
    expect(c.warnings).toEqual([]);
  });

  it('a bad check digit is a warning on the card (masked), not an exception', () => {
    const c = decode('residentBadCheck');
    expect(c.name).toBe('赵敏');
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/^id_number\.check_digit: .*110\*{11}0021/);
    expect(c.warnings.join()).not.toContain('110105194912310021');
  });

  it('cross-checks birth date and sex against the number', () => {
    const text = encodeTextBlock('', {
      name: '甲',
      sexCode: '1',
      nationCode: '01',
      birthDate: '19491230',
      idNumber: '11010519491231002X',
      validFrom: '20200101',
      validUntil: '20300101',
    });
    const w = decodeCard(text, new Uint8Array(1024)).warnings;
    expect(w.some((x) => x.startsWith('id_number.birth_mismatch'))).toBe(true);
    expect(w.some((x) => x.startsWith('id_number.sex_mismatch'))).toBe(true);
  });

  it('unknown sex / nation codes are shown raw with a warning (no binary 男/女 guess)', () => {
    const text = encodeTextBlock('', {
      name: '乙',
      sexCode: '5',
      nationCode: '77',
      birthDate: '19491231',
      idNumber: '11010519491231002X',
      validFrom: '20200101',
      validUntil: 'X',
    });
    const c = decodeCard(text, new Uint8Array(1024));
    expect(c.sex).toBe('5');
    expect(c.nation).toBe('77');
    expect(c.warnings.map((w) => w.split(':')[0])).toEqual(expect.arrayContaining(['sex_code', 'nation_code', 'valid_until']));
  });

  it('short text block and photo produce warnings', () => {
    const c = decodeCard(new Uint8Array(10), new Uint8Array(3));
    expect(c.warnings.map((w) => w.split(':')[0])).toEqual(expect.arrayContaining(['text.length', 'photo.length', 'name.empty']));
  });
});

describe('text block: HK/Macau/Taiwan residence permit J (§1.7.2)', () => {
  it('decodes pass number, issue count and the J mark', () => {
    const sim = buildSimCard(FIXTURES.J);
    expect([...sim.text.subarray(248, 250)]).toEqual([0x4a, 0x00]);
    expect(cardTypeCodeOf(sim.text)).toBe('J');
    const c = decodeCard(sim.text, sim.photo);
    expect(c).toMatchObject({
      cardType: 'hkmotw_permit',
      typeCode: 'J',
      name: '陈大文',
      sex: '男',
      birthDate: '19900101',
      idNumber: '810000199001011230',
      issuer: '广州市公安局天河区分局',
      validFrom: '20200115',
      validUntil: '20250115',
      passNumber: 'H12345678',
      issueCount: '01',
      warnings: [],
    });
    expect(c.nation).toBeUndefined();
  });
});

describe('text block: foreign permanent resident card 2017, I (§1.7.3)', () => {
  it('decodes English and Chinese names, number, nationality, version and authority code', () => {
    const c = decode('I');
    expect(c).toMatchObject({
      cardType: 'foreign_2017',
      typeCode: 'I',
      nameEn: 'SMITH, JOHN ALEXANDER',
      name: '史约翰',
      sex: '男',
      idNumber: 'USA110085061512',
      nationality: 'USA',
      validFrom: '20170601',
      validUntil: '20270601',
      birthDate: '19850615',
      cardVersion: '01',
      issuerCode: '1100',
      warnings: [],
    });
  });
});

describe('text block: foreign permanent resident ID card 2023, Y (§1.7.4)', () => {
  it('joins the two English-name parts and derives the old number', () => {
    const c = decode('Y');
    expect(c).toMatchObject({
      cardType: 'foreign_2023',
      typeCode: 'Y',
      name: '玛丽亚',
      nameEn: 'GARCIA FERNANDEZ, MARIA DE LOS ANGELES CARMEN',
      sex: '女',
      renewalCount: '00',
      birthDate: '19850615',
      idNumber: '911840198506151241',
      nationality: 'USA',
      previousNumberLink: '005',
      warnings: [],
    });
    expect(c.nameEn!.length).toBeGreaterThan(35);
    expect(c.previousNumber).toBe(derivePreviousForeignNumber('USA', '911840198506151241', '005'));
    expect(c.previousNumber).toMatch(/^USA1100850615\d\d$/);
  });

  it('bad check digit on a 9… number → warning that notes the rule is unconfirmed', () => {
    const c = decode('YBadCheck');
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/^id_number\.check_digit: .*unconfirmed/);
  });
});

describe('code tables and helpers', () => {
  it('sex and nation tables (§1.8)', () => {
    expect(['0', '1', '2', '9'].map(sexName)).toEqual(['未知', '男', '女', '未说明']);
    expect(nationName('56')).toBe('基诺');
    expect(nationName('97')).toBe('其他');
    expect(nationName('43')).toBe('乌孜别克');
    expect(nationName('46')).toBe('德昂');
  });

  it('describeCard masks the number', () => {
    expect(describeCard(decode('residentBadCheck'))).toBe('resident 110***********0021 (1 warning)');
  });

  it('fixture JSON validation', () => {
    expect(CardFixtureSchema.safeParse({ type: 'Q', idNumber: '1' }).success).toBe(false);
    expect(CardFixtureSchema.safeParse({ type: 'J', idNumber: '1', extra: 1 }).success).toBe(false);
  });
});

describe('toIdCardRead (the renderer view)', () => {
  it('validates against the shared IdCardRead schema for every fixture, number masked', async () => {
    const { IdCardRead } = await import('../../../../../src/shared/ipc');
    const { toIdCardRead } = await import('../../../../../src/main/devices/idcard/index');
    for (const [name, fx] of Object.entries(FIXTURES)) {
      const sim = buildSimCard(fx);
      const view = toIdCardRead(decodeCard(sim.text, sim.photo), `ref-${name}`, new Date('2026-01-02T03:04:05Z'));
      expect(IdCardRead.safeParse(view).success).toBe(true);
      expect(JSON.stringify(view)).not.toContain(fx.idNumber);
    }
  });
});

describe('card JSON files for `simulate id-reader --card FILE`', () => {
  it('every file in src/main/devices/idcard/cards loads and decodes; only the *-bad-check ones warn', async () => {
    const { readdirSync } = await import('node:fs');
    const { loadCardFixture } = await import('../../../../../src/main/devices/idcard/fixtures');
    const dir = 'src/main/devices/idcard/cards';
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const sim = buildSimCard(loadCardFixture(`${dir}/${f}`));
      const card = decodeCard(sim.text, sim.photo);
      expect(card.warnings.length > 0, f).toBe(f.includes('bad-check'));
    }
  });
});
