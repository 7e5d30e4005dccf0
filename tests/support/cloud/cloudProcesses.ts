/**
 * Several real cloud processes on one PostgreSQL schema (issue 12, item 2): `src/cloud/server.main.ts` as
 * `npm run cloud` runs it, from the drills' esbuild bundle (a start takes a fraction of tsx's time), each a child
 * process with its own port, or one `--workers N` primary. The schema (t_<hex>, dropped after the suite) is made and
 * migrated here, with the demo site, and reached by the children through the URL's search_path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { migrateToLatest, openCloudDatabase } from '../../../src/cloud/db/database';
import { loadDemoData } from '../../../src/cloud/demo';
import { newKeyEncryptionKeyText } from '../../../src/cloud/keyEncryption';
import { bundleDrillProgram } from '../drills/bundle';
import { newPgTestSchema, PG_URL } from './harness';

export const PROCESS_ADMIN_TOKEN = 'process-admin-token-0123456789abcdef';

export interface CloudChild {
  readonly url: string;
  readonly child: ChildProcess;
  /** everything it printed so far (stdout and stderr) */
  output(): string;
  /** resolves when its output matches `pattern` (the match), rejects after `timeoutMs` */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM and wait for the exit: its exit code (null when a signal ended it) */
  stop(): Promise<number | null>;
}

export interface SharedCloudDatabase {
  /** the PostgreSQL URL that puts a connection on the schema */
  readonly databaseUrl: string;
  /** starts one more cloud process on it; `args` e.g. ['--workers', '2'] */
  start(opts?: { args?: string[]; env?: NodeJS.ProcessEnv }): Promise<CloudChild>;
  /** stops every process still running */
  stopAll(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function sharedCloudDatabase(): Promise<SharedCloudDatabase> {
  const bundle = await bundleDrillProgram('src/cloud/server.main.ts');
  const schema = newPgTestSchema();
  const db = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: schema });
  try {
    await migrateToLatest(db);
    await loadDemoData(db);
  } finally {
    await db.close();
  }
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  // one key-encryption key for all, as every process of one cloud must share it
  const kek = newKeyEncryptionKeyText();
  const children = new Set<CloudChild>();
  return {
    databaseUrl,
    async start(opts = {}) {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        PASSDESK_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
        PASSDESK_KEY_ENCRYPTION_KEY: kek,
        ...opts.env,
      };
      delete env.PASSDESK_KEY_FILE;
      const child = spawn(process.execPath, [bundle, ...(opts.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let seen = '';
      const listeners = new Set<() => void>();
      const onData = (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        for (const l of [...listeners]) l();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const handle: CloudChild = {
        url: `http://127.0.0.1:${port}`,
        child,
        output: () => seen,
        waitFor(pattern, timeoutMs = 20_000) {
          return new Promise((resolve, reject) => {
            const check = () => {
              const m = pattern.exec(seen);
              if (!m) return;
              done();
              resolve(m);
            };
            const timer = setTimeout(() => {
              done();
              reject(new Error(`no ${pattern} in ${timeoutMs} ms; it printed:\n${seen.slice(-4000)}`));
            }, timeoutMs);
            const onExit = () => {
              done();
              reject(new Error(`the cloud exited before ${pattern}:\n${seen.slice(-4000)}`));
            };
            const done = () => {
              clearTimeout(timer);
              listeners.delete(check);
              child.off('exit', onExit);
            };
            listeners.add(check);
            child.once('exit', onExit);
            check();
          });
        },
        async stop() {
          children.delete(handle);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      };
      children.add(handle);
      await handle.waitFor(/listening on http/);
      return handle;
    },
    async stopAll() {
      await Promise.all([...children].map((c) => c.stop()));
    },
  };
}
