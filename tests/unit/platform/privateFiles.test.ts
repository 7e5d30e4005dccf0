/** tightenFile only ever removes group/other bits, follows a symlink to its file, and never fails on a file it may not change. */
import { chmodSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tightenFile } from '../../../src/platform/privateFiles';

const modeOf = (p: string) => statSync(p).mode & 0o777;

describe('tightenFile', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a 0400 key file 0400, also behind a symlink, and takes group/other bits away', () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-modes-'));
    const key = join(dir, 'key');
    writeFileSync(key, 'k');
    chmodSync(key, 0o400);
    const link = join(dir, 'link');
    symlinkSync(key, link);
    tightenFile(link);
    expect(modeOf(key)).toBe(0o400);
    chmodSync(key, 0o644);
    tightenFile(link);
    expect(modeOf(key)).toBe(0o600);
    chmodSync(key, 0o444);
    tightenFile(key);
    expect(modeOf(key)).toBe(0o400);
  });

  it('warns instead of failing when the file cannot be changed', () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-modes-'));
    const warnings: string[] = [];
    // /proc/self/status: readable by others, not ours to chmod (EPERM/EACCES/EROFS): the start must go on
    expect(() => tightenFile('/proc/self/status', (l) => warnings.push(l))).not.toThrow();
    expect(warnings.join('\n')).toMatch(/cannot be tightened/);
  });
});
