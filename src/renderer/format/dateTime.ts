import { dateTimeFormat } from '../../shared/dateTimeFormats';
import type { Language } from '../../shared/domain';

const locales: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

const dateFormat = (language: Language) => dateTimeFormat(locales[language], { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' });
const timeFormat = (language: Language) => dateTimeFormat(locales[language], { hour: '2-digit', minute: '2-digit', hour12: false });

const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** 09:30 */
export function formatTime(language: Language, at: Date | string): string {
  return timeFormat(language).format(new Date(at));
}

/** 2026年11月22日 周日 09:30, or 22 Nov 2026 (Sun) 09:30-ish depending on locale. */
export function formatDateTime(language: Language, at: Date | string): string {
  const date = new Date(at);
  return `${dateFormat(language).format(date)} ${formatTime(language, date)}`;
}

/** A visit window: one date and two times when it fits in a day, else two full date-times. */
export function formatWindow(language: Language, start: string, end: string): string {
  const from = new Date(start);
  const to = new Date(end);
  if (sameDay(from, to)) return `${dateFormat(language).format(from)} ${formatTime(language, from)} – ${formatTime(language, to)}`;
  return `${formatDateTime(language, from)} – ${formatDateTime(language, to)}`;
}

/** A pass's `exp`/`nbf` (seconds since the epoch). */
export function formatEpochSeconds(language: Language, seconds: number): string {
  return formatDateTime(language, new Date(seconds * 1000));
}
