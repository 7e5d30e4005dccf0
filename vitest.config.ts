import { defineConfig } from 'vitest/config';

/**
 * One run, six suites (security: the probe's findings, reproduced through the public API and the IPC). `npm test` (scripts/test.mjs) checks the system packages first, runs this once and
 * prints "N passed, N failed" over all of them.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'cloud',
          include: ['tests/cloud/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/cloud/pgSchemas.globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/cloud/pgSchemas.globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'kiosk',
          include: ['tests/kiosk/**/*.test.ts'],
          environment: 'node',
          // a kiosk test against a cloud on PostgreSQL (tests/support/kiosk/cloudFixture.ts) leaves its schema to this
          globalSetup: ['tests/support/cloud/pgSchemas.globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'devices', include: ['tests/devices/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
