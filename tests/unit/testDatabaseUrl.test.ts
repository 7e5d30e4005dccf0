import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_PG_URL, LEGACY_TEST_PG_URL_VARIABLE, TEST_PG_URL_VARIABLE, testPgUrl } from '../support/testDatabaseUrl';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const variablesIn = (text: string): string[] => [...new Set(text.match(/PASSDESK_TEST_[A-Z_]+/g) ?? [])].sort();

describe('the test database variable', () => {
  it('is PASSDESK_TEST_PG_URL, with the older name as a fallback and the local test database by default', () => {
    expect(TEST_PG_URL_VARIABLE).toBe('PASSDESK_TEST_PG_URL');
    expect(testPgUrl({ PASSDESK_TEST_PG_URL: 'postgres://a/x' })).toBe('postgres://a/x');
    expect(testPgUrl({ PASSDESK_TEST_PG_URL: 'postgres://a/x', PASSDESK_TEST_DATABASE_URL: 'postgres://b/y' })).toBe('postgres://a/x');
    expect(testPgUrl({ PASSDESK_TEST_DATABASE_URL: 'postgres://b/y' })).toBe('postgres://b/y');
    expect(testPgUrl({ PASSDESK_TEST_PG_URL: '', PASSDESK_TEST_DATABASE_URL: 'postgres://b/y' })).toBe('postgres://b/y');
    expect(testPgUrl({})).toBe(DEFAULT_TEST_PG_URL);
  });

  it('is read in one place by the cloud harness and the schema clean-up, the name README and npm test document', () => {
    for (const file of ['tests/support/cloud/harness.ts', 'tests/support/cloud/pgSchemas.globalSetup.ts']) {
      const text = read(file);
      expect(text, file).toContain('testPgUrl()');
      expect(variablesIn(text), file).toEqual([]);
    }
    expect(variablesIn(read('README.md'))).toEqual([LEGACY_TEST_PG_URL_VARIABLE, TEST_PG_URL_VARIABLE].sort());
    expect(read('README.md')).toMatch(/at `PASSDESK_TEST_PG_URL`/);
    const script = read('scripts/test.mjs');
    expect(script.indexOf('process.env.PASSDESK_TEST_PG_URL')).toBeGreaterThan(-1);
    expect(script.indexOf('process.env.PASSDESK_TEST_PG_URL')).toBeLessThan(script.indexOf('process.env.PASSDESK_TEST_DATABASE_URL'));
  });
});
