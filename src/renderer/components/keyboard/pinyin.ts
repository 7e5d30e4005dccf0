/**
 * Pinyin → characters for the on-screen keyboard's Chinese layout. The index (syllable without tone, ü written v →
 * the characters read that way, commonest first) is built from a character → pinyin dictionary (pinyinDictionary.ts,
 * computed at build time); this module holds the pure parts: building it and looking candidates up.
 */

/** Syllable (toneless, ü as v) → its characters, commonest first. */
export type PinyinIndex = Readonly<Record<string, string>>;

/** Candidates for the start of a composition, and how many of its letters choosing one of them consumes. */
export interface PinyinLookup {
  readonly consumed: number;
  readonly candidates: readonly string[];
}

/** The longest syllable in the index has six letters (zhuang, shuang, chuang). */
const MAX_SYLLABLE = 6;
const SYLLABLE = /^[a-z]+$/;

/**
 * The characters the index covers, commonest first: GB 2312 level 1 (3,755 characters in everyday use, by
 * reading), level 2 (3,008), then the rest of the CJK Unified Ideographs and Extension A in code point order (rare
 * characters of names). GB 2312 is read with the platform's GBK decoder (WHATWG Encoding; Node with ICU).
 */
export function dictionaryCharacters(): string[] {
  const gbk = new TextDecoder('gbk');
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (ch: string) => {
    if (!/^\p{Script=Han}$/u.test(ch) || seen.has(ch)) return;
    seen.add(ch);
    out.push(ch);
  };
  for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) add(gbk.decode(new Uint8Array([hi, lo])));
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) add(String.fromCodePoint(cp));
  for (let cp = 0x3400; cp <= 0x4dbf; cp++) add(String.fromCodePoint(cp));
  return out;
}

/** The index from `chars` (in the order candidates should appear) and each one's readings. */
export function buildPinyinIndex(chars: Iterable<string>, readingsOf: (ch: string) => readonly string[]): Record<string, string> {
  const index = new Map<string, string>();
  for (const ch of chars) {
    for (const reading of new Set(readingsOf(ch))) {
      if (!SYLLABLE.test(reading) || reading.length > MAX_SYLLABLE) continue;
      index.set(reading, (index.get(reading) ?? '') + ch);
    }
  }
  return Object.fromEntries(index);
}

const syllableLists = new WeakMap<PinyinIndex, readonly string[]>();
/** The index's syllables in alphabetical order (computed once per index). */
function syllablesOf(index: PinyinIndex): readonly string[] {
  let list = syllableLists.get(index);
  if (!list) {
    list = Object.keys(index).sort();
    syllableLists.set(index, list);
  }
  return list;
}

/**
 * Candidates for the composition `letters` (what was typed on the pinyin keys, e.g. "wangfang"): its longest start
 * that is a syllable or the beginning of one ("wang"); that syllable's characters first, then those of the longer
 * syllables it begins ("fan" → 反…, then 方…). Choosing one consumes that start; the rest stays composed.
 */
export function lookUpPinyin(index: PinyinIndex, letters: string): PinyinLookup {
  const input = letters.toLowerCase().replace(/ü/g, 'v');
  const syllables = syllablesOf(index);
  for (let length = Math.min(MAX_SYLLABLE, input.length); length > 0; length--) {
    const start = input.slice(0, length);
    const extending = syllables.filter((s) => s.startsWith(start));
    if (extending.length === 0) continue;
    const ordered = [...extending.filter((s) => s === start), ...extending.filter((s) => s !== start)];
    const seen = new Set<string>();
    const candidates: string[] = [];
    for (const syllable of ordered) {
      for (const ch of index[syllable] ?? '') {
        if (seen.has(ch)) continue;
        seen.add(ch);
        candidates.push(ch);
      }
    }
    return { consumed: length, candidates };
  }
  return { consumed: 0, candidates: [] };
}
