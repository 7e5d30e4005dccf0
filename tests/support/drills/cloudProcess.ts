/**
 * The cloud in a child process a drill can kill (SIGKILL) and start again on the same SQLite file and port:
 * `src/cloud/server.main.ts` as `npm run cloud` runs it, from an esbuild bundle (tests/support/drills/bundle.ts) so
 * that a restart takes a fraction of a second. The demo site, hosts and bookings are loaded once before the first start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { migrateToLatest, openCloudDatabase } from '../../../src/cloud/db/database';
import { loadDemoData } from '../../../src/cloud/demo';
import { bundleDrillProgram } from './bundle';
import type { DrillCloud } from './bookings';

export interface CloudProcess extends DrillCloud {
  readonly sqlitePath: string;
  readonly running: boolean;
  /** starts it and resolves once it listens */
  start(): Promise<void>;
  /** SIGKILL: no shutdown of any kind */
  kill(): Promise<void>;
}

const ADMIN_TOKEN = 'drill-admin-token-0123456789abcdef';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function prepareCloudProcess(dir: string): Promise<CloudProcess> {
  const bundle = await bundleDrillProgram('src/cloud/server.main.ts');
  const sqlitePath = join(dir, 'cloud.sqlite');
  const db = await openCloudDatabase({ sqlitePath });
  await migrateToLatest(db);
  await loadDemoData(db);
  await db.close();
  const port = await freePort();
  let child: ChildProcess | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PASSDESK_DB: sqlitePath, PASSDESK_ADMIN_TOKEN: ADMIN_TOKEN };
  delete env.DATABASE_URL;
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken: ADMIN_TOKEN,
    sqlitePath,
    get running() {
      return child !== undefined;
    },
    start() {
      const started = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      return new Promise<void>((resolve, reject) => {
        let seen = '';
        const onData = (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (seen.includes('listening on')) {
            started.stdout.removeListener('data', onData);
            started.stdout.resume(); // the request log from here on: read and dropped
            resolve();
          }
        };
        started.stdout.on('data', onData);
        started.stderr.on('data', (c: Buffer) => (seen += c.toString('utf8')));
        started.once('exit', (code, signal) => {
          if (child === started) child = undefined;
          reject(new Error(`the cloud exited (${code ?? signal}) before it listened:\n${seen}`));
        });
      });
    },
    async kill() {
      const running = child;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
      child = undefined;
    },
  };
}
