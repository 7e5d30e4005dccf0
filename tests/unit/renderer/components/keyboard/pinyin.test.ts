import { describe, expect, it } from 'vitest';
import { buildPinyinIndex, dictionaryCharacters, lookUpPinyin } from '../../../../../src/renderer/components/keyboard/pinyin';
import { PINYIN_INDEX } from '../../../../../src/renderer/components/keyboard/pinyinDictionary';

describe('pinyin candidates', () => {
  it('orders the characters commonest first: GB 2312 level 1, level 2, then the rest of CJK and Extension A', () => {
    const chars = dictionaryCharacters();
    expect(chars.slice(0, 3).join('')).toBe('啊阿埃');
    expect(chars.indexOf('王')).toBeLessThan(3755);
    expect(chars.indexOf('㐀')).toBeGreaterThan(20_000);
    expect(new Set(chars).size).toBe(chars.length);
  });

  it('builds syllable → characters from each character’s readings (polyphones under each, ü as v)', () => {
    const index = buildPinyinIndex(['行', '女', '王'], (ch) => ({ 行: ['xing', 'hang'], 女: ['nv'], 王: ['wang', 'wang'] })[ch] ?? []);
    expect(index).toEqual({ xing: '行', hang: '行', nv: '女', wang: '王' });
    expect(buildPinyinIndex(['〇'], () => ['〇', 'líng'])).toEqual({});
  });

  it('finds 王 for wang and 芳 for fang on the first page, from the real dictionary', () => {
    const wang = lookUpPinyin(PINYIN_INDEX, 'wang');
    expect(wang.consumed).toBe(4);
    expect(wang.candidates.slice(0, 8)).toContain('王');
    expect(lookUpPinyin(PINYIN_INDEX, 'fang').candidates.slice(0, 8)).toContain('芳');
    expect(lookUpPinyin(PINYIN_INDEX, 'lv').candidates.slice(0, 8)).toContain('吕');
    expect(lookUpPinyin(PINYIN_INDEX, 'nü').candidates.slice(0, 8)).toContain('女');
  });

  it('takes the longest syllable at the start of a longer composition; choosing consumes only it', () => {
    const lookup = lookUpPinyin(PINYIN_INDEX, 'wangfang');
    expect(lookup.consumed).toBe(4);
    expect(lookup.candidates[0]).toBe(lookUpPinyin(PINYIN_INDEX, 'wang').candidates[0]);
    expect(lookUpPinyin(PINYIN_INDEX, 'xiangang').consumed).toBe(5);
  });

  it('offers the characters of longer syllables after the exact one, and of every syllable an unfinished start begins', () => {
    const fan = lookUpPinyin(PINYIN_INDEX, 'fan').candidates;
    expect(fan.indexOf('反')).toBeGreaterThanOrEqual(0);
    expect(fan.indexOf('方')).toBeGreaterThan(fan.indexOf('反'));
    const zh = lookUpPinyin(PINYIN_INDEX, 'zh');
    expect(zh.consumed).toBe(2);
    expect(zh.candidates).toEqual(expect.arrayContaining(['张', '中', '周']));
    expect(lookUpPinyin(PINYIN_INDEX, '')).toEqual({ consumed: 0, candidates: [] });
    expect(lookUpPinyin(PINYIN_INDEX, 'vvv')).toEqual({ consumed: 0, candidates: [] });
  });
});
