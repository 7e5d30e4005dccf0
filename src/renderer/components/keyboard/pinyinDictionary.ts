/**
 * The pinyin index of the Chinese keyboard, from pinyin-pro's character → pinyin dictionary. Loaded with a dynamic
 * import when the Chinese layout first opens (its own chunk). The renderer build (vite.renderer.config.ts) replaces
 * this module by the value it computes, so the chunk holds the index alone (pinyin-pro is not shipped to the page);
 * run as it is (unit tests) it computes the same index.
 */
import { pinyin } from 'pinyin-pro';
import { buildPinyinIndex, dictionaryCharacters, type PinyinIndex } from './pinyin';

export const PINYIN_INDEX: PinyinIndex = buildPinyinIndex(dictionaryCharacters(), (ch) =>
  pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }),
);
