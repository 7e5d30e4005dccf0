import type { Language } from '../../shared/domain';
import { en } from './en';
import { zhCN, type MessageKey } from './zhCN';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

export const dictionaries: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Whether `key` names a message (both dictionaries have the same keys); never true for inherited names. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/** The text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholders a message uses, e.g. "{count} pending" → ["count"]. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const translatorFor =
  (language: Language): Translate =>
  (key, params) =>
    translate(language, key, params);
