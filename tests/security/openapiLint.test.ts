/**
 * The OpenAPI document checked by someone else's rules: Redocly's `recommended` ruleset (security-defined on every
 * operation, summaries, operation ids, servers, valid schemas…). No errors; the only warnings allowed are listed
 * below, each with its reason.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../src/cloud/app';
import { openCloudDatabase } from '../../src/cloud/db/database';
import { ADMIN_TOKEN } from '../support/cloud/harness';

const ALLOWED_WARNINGS = new Set([
  // /healthz has no 4XX reply to give
  'operation-4xx-response #/paths/~1healthz/get/responses',
  // a private project: the licence has a name, no public URL or SPDX identifier to give
  'info-license-strict #/info/license/url',
]);

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules', async () => {
    const db = await openCloudDatabase({ sqlitePath: ':memory:' });
    const app = await buildCloudApp({ db, adminToken: ADMIN_TOKEN });
    try {
      const source = (await app.inject({ method: 'GET', url: '/openapi.json' })).body;
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
      const found = problems
        .map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}${p.severity === 'error' ? ` (error: ${p.message})` : ''}`)
        .filter((p) => !ALLOWED_WARNINGS.has(p));
      expect(found).toEqual([]);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
