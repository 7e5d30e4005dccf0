/**
 * Whether a card is valid on a given day: a reception desk must see an expired (or not yet valid) ID card at once.
 * Dates on the card are YYYYMMDD in China's calendar day (the issuing authority's), so they are compared with the
 * day in Asia/Shanghai wherever the kiosk stands; "长期" (longTerm) never expires. Pure.
 */
import { dateTimeFormat } from '../../../shared/dateTimeFormats';
import type { IdCard } from './textBlock';

/** The time zone the dates on a Chinese ID card or residence permit are written in. */
export const CARD_TIME_ZONE = 'Asia/Shanghai';

/** YYYYMMDD of an instant in a time zone (default the process's own). */
export function calendarDay(at: Date, timeZone?: string): string {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

const YMD = /^\d{8}$/;
const pretty = (ymd: string) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;

/** `card.expired` / `card.not_yet_valid` warnings for the day of `at`; none when the dates are unreadable. */
export function validityWarnings(card: Pick<IdCard, 'validFrom' | 'validUntil' | 'longTerm'>, at: Date, timeZone: string = CARD_TIME_ZONE): string[] {
  const today = calendarDay(at, timeZone);
  const out: string[] = [];
  if (!card.longTerm && YMD.test(card.validUntil) && card.validUntil < today) {
    out.push(`card.expired: the card expired on ${pretty(card.validUntil)}`);
  }
  if (YMD.test(card.validFrom) && card.validFrom > today) out.push(`card.not_yet_valid: the card is valid from ${pretty(card.validFrom)}`);
  return out;
}

/** Everything to warn about a card read at `at`: what the text block said, then its validity that day. */
export function cardWarningsAt(card: Pick<IdCard, 'warnings' | 'validFrom' | 'validUntil' | 'longTerm'>, at: Date): string[] {
  return [...card.warnings, ...validityWarnings(card, at)];
}
