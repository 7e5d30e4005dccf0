/**
 * The PostgreSQL server the cloud and security suites use: `PASSDESK_TEST_PG_URL` (the name README.md and
 * scripts/test.mjs give), or the older `PASSDESK_TEST_DATABASE_URL` still honoured, or the local `test` database.
 */
export const TEST_PG_URL_VARIABLE = 'PASSDESK_TEST_PG_URL';
/** accepted as a fallback only: the name the harness read before both were made one */
export const LEGACY_TEST_PG_URL_VARIABLE = 'PASSDESK_TEST_DATABASE_URL';
export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

export function testPgUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return nonEmpty(env[TEST_PG_URL_VARIABLE]) ?? nonEmpty(env[LEGACY_TEST_PG_URL_VARIABLE]) ?? DEFAULT_TEST_PG_URL;
}
