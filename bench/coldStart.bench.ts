/**
 * Cold start of `npm start` (issue 12: ≤ 1.5 s): `node scripts/start.mjs` in the browser shell with no browser, timed
 * from the launch to the kiosk being ready (its URL said, after the core, the embedded cloud with its demo site and
 * the shell have started), then stopped (SIGTERM). The first, untimed launch builds what is stale (the renderer, the
 * Node bundle) and sets the kiosk up (enrolment with the embedded cloud); every timed launch is a restart of that set-up
 * kiosk in a fresh Node process. Data in a temp folder (PASSDESK_BENCH_DIR, default the OS temp folder).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = /Passdesk kiosk: /;
const LAUNCH_TIMEOUT_MS = 120_000;

/** A port free now (for the embedded cloud, the same at every launch: the kiosk is enrolled with its URL). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** One launch: ms from spawn to the ready line, then stopped and waited for. */
async function launch(env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready within ${LAUNCH_TIMEOUT_MS} ms:\n${output}`)), LAUNCH_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code}) before it was ready:\n${output}`));
      });
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const bench: Bench = {
  name: 'cold-start',
  description: '`npm start` (browser shell, no browser): launch → kiosk ready, a set-up kiosk restarted',
  async run(options) {
    const { samples = 5, log } = options;
    const dataDir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PASSDESK_HOST: 'browser',
      PASSDESK_NO_BROWSER: '1',
      PASSDESK_DATA_DIR: dataDir,
      PASSDESK_PORT: '0',
      PASSDESK_CLOUD_PORT: String(await freePort()),
    };
    try {
      log(`  first launch (builds what is stale, enrols): ${Math.round(await launch(env))} ms`);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push(await launch(env));
      return {
        name: 'cold-start',
        metric: 'node scripts/start.mjs → "Passdesk kiosk:" printed (embedded cloud, demo site, enrolled kiosk)',
        unit: 'ms',
        samples: times,
        target: { stat: 'median', max: 1500 },
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
