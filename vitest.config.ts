import { defineConfig } from 'vitest/config';

/**
 * One run, six suites (security: the probe's findings, reproduced through the public API and the IPC). `npm test` (scripts/test.mjs) checks the system packages first, runs this once and
 * prints "N passed, N failed" over all of them.
 *
 * `isolate: false` (unit, cloud, kiosk, devices): the files of a project share their worker's modules instead of each
 * starting a fresh worker and loading the app again (about 1.5 s a file). Measured one project at a time on the 2-core
 * box: unit 101 → 55 s, cloud 387 → 203 s, kiosk ~260 → 195 s, all green. So a file must leave nothing running (close
 * its cores, clouds, servers and timers) and must not depend on a module's state at load. Security and e2e stay
 * isolated: the authorization matrices ran ~50 % slower sharing a worker (an earlier file's leftovers), and an e2e
 * file's import is small beside its Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        test: {
          name: 'cloud',
          include: ['tests/cloud/**/*.test.ts'],
          environment: 'node',
          isolate: false,
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
          isolate: false,
          // a kiosk test against a cloud on PostgreSQL (tests/support/kiosk/cloudFixture.ts) leaves its schema to this
          globalSetup: ['tests/support/cloud/pgSchemas.globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'devices', include: ['tests/devices/**/*.test.ts'], environment: 'node', isolate: false, testTimeout: 60_000, hookTimeout: 60_000 } },
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
