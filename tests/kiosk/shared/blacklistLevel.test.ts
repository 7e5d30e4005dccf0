import { describe, expect, it } from 'vitest';
import { BlacklistEntry } from '../../../src/shared/sync';

describe('a pulled blacklist entry’s level', () => {
  const entry = { id: 'bl_1', phoneHash: 'a'.repeat(64), reason: 'x', active: true, updatedAt: '2026-11-22T02:00:00.000Z' };
  it('reads an unknown or absent level as refuse, and keeps warn', () => {
    expect(BlacklistEntry.parse({ ...entry, level: 'ban' }).level).toBe('refuse');
    expect(BlacklistEntry.parse(entry).level).toBe('refuse');
    expect(BlacklistEntry.parse({ ...entry, level: 'warn' }).level).toBe('warn');
  });
});
