/** A kiosk's state as the list shows it (in words, not only colour) and its "last seen" told two ways. */
import type { KioskSummary } from '../../../shared/adminApi';
import type { Language } from '../../../shared/domain';

/** A kiosk pulls every 15 s: one not heard from for longer than this is offline. */
export const OFFLINE_AFTER_MS = 2 * 60_000;

export type KioskState = 'online' | 'offline' | 'revoked';

export function kioskState(k: Pick<KioskSummary, 'revokedAt' | 'lastSeenAt'>, now: Date): KioskState {
  if (k.revokedAt !== undefined) return 'revoked';
  if (k.lastSeenAt === undefined) return 'offline';
  return now.getTime() - Date.parse(k.lastSeenAt) > OFFLINE_AFTER_MS ? 'offline' : 'online';
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago" / "3 分钟前"; under a minute "now". */
export function relativeTime(iso: string, now: Date, language: Language): string {
  const diff = Date.parse(iso) - now.getTime();
  const f = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return f.format(Math.round(diff / ms), unit);
  }
  return f.format(0, 'second');
}

export function absoluteTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
