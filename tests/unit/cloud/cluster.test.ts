/** `--workers N` as the cloud's command line gives it (src/cloud/cluster.ts); the processes themselves: tests/cloud/cloud/cluster.test.ts. */
import { describe, expect, it } from 'vitest';
import { checkWorkersDatabase, MAX_WORKERS, parseWorkersArg } from '../../../src/cloud/cluster';

describe('parseWorkersArg', () => {
  it('reads --workers N and --workers=N out of the arguments, leaving the rest', () => {
    expect(parseWorkersArg([])).toEqual({ workers: undefined, rest: [] });
    expect(parseWorkersArg(['--workers', '2'])).toEqual({ workers: 2, rest: [] });
    expect(parseWorkersArg(['--workers=4', 'rotate-key-encryption-key'])).toEqual({ workers: 4, rest: ['rotate-key-encryption-key'] });
    expect(parseWorkersArg(['rotate-key-encryption-key'])).toEqual({ workers: undefined, rest: ['rotate-key-encryption-key'] });
  });

  it('refuses a count that is not 1..64, saying so', () => {
    for (const bad of [
      ['--workers'],
      ['--workers', '0'],
      ['--workers', '-1'],
      ['--workers', '2.5'],
      ['--workers', 'two'],
      ['--workers=65'],
      ['--workers', ' 2'],
    ]) {
      expect(() => parseWorkersArg(bad), bad.join(' ')).toThrow(`--workers must be 1..${MAX_WORKERS}`);
    }
  });
});

describe('checkWorkersDatabase', () => {
  it('refuses several workers on SQLite (one writer), saying why; one worker or PostgreSQL is fine', () => {
    expect(() => checkWorkersDatabase(2, undefined)).toThrow('--workers above 1 needs PostgreSQL (DATABASE_URL)');
    expect(() => checkWorkersDatabase(2, '')).toThrow('--workers above 1 needs PostgreSQL');
    expect(() => checkWorkersDatabase(1, undefined)).not.toThrow();
    expect(() => checkWorkersDatabase(2, 'postgres://db/passdesk')).not.toThrow();
  });
});
