/** A kiosk's state and last-seen words (src/webapp/admin/kiosks/kioskState.ts). */
import { describe, expect, it } from 'vitest';
import { kioskState, relativeTime } from '../../../../../src/webapp/admin/kiosks/kioskState';

const NOW = new Date('2026-11-22T02:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('a kiosk’s state', () => {
  it('is online within 2 minutes of its last pull, offline after or before any, revoked whatever it did', () => {
    expect(kioskState({ lastSeenAt: ago(120_000) }, NOW)).toBe('online');
    expect(kioskState({ lastSeenAt: ago(120_001) }, NOW)).toBe('offline');
    expect(kioskState({}, NOW)).toBe('offline');
    expect(kioskState({ lastSeenAt: ago(0), revokedAt: ago(1000) }, NOW)).toBe('revoked');
  });

  it('tells the last pull relative to now in the page’s language', () => {
    expect(relativeTime(ago(3 * 60_000), NOW, 'en')).toBe('3 minutes ago');
    expect(relativeTime(ago(2 * 3_600_000), NOW, 'zh-CN')).toBe('2小时前');
    expect(relativeTime(ago(10_000), NOW, 'en')).toBe('now');
  });
});
