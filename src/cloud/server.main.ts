/**
 * CLI: `npm run cloud`. Env: PORT (default 8787), HOST (default 127.0.0.1), DATABASE_URL (postgres://…),
 * PASSDESK_DB (SQLite path, default ./data/cloud.sqlite), PASSDESK_ADMIN_TOKEN (random and printed when absent),
 * PASSDESK_CORS_ORIGINS (comma-separated browser origins allowed cross-origin, e.g. the web app's; default none),
 * PASSDESK_PASS_VERSION=1 (issue version 1 passes while kiosks older than compact passes remain),
 * PASSDESK_TRUST_PROXY (comma-separated reverse proxy addresses/CIDRs whose X-Forwarded-For names the client),
 * PASSDESK_KEY_ENCRYPTION_KEY or PASSDESK_KEY_FILE (the key sealing the private pass key in the database; default
 * the file pass-key-encryption.key in the database's folder, ./data with PostgreSQL), PASSDESK_KEY_ENCRYPTION_KEY_PREVIOUS,
 * PASSDESK_SWEEP_INTERVAL_SECONDS (how often this process runs the expiry and end-of-window sweep job, default 60; 0:
 * never, e.g. in all but one of several processes, though they already take turns by an advisory lock),
 * PASSDESK_WEBAPP_DIR (the web app's build folder served under /app/, default out/webapp: `npm run build:webapp`).
 * PASSDESK_NOTIFY_INTERVAL_SECONDS (the notification dispatcher, default 5; 0: never) and the SMS settings of
 * notifications/config.ts (PASSDESK_SMS_PROVIDER console | aliyun, PASSDESK_ALIYUN_SMS_*, PASSDESK_PUBLIC_URL).
 *
 * `npm run cloud -- --workers N`: N processes on one PostgreSQL database behind the one port (node:cluster, cluster.ts);
 * N independent processes behind any load balancer work the same way.
 *
 * `npm run cloud -- rotate-key-encryption-key`: re-encrypts the stored private pass keys under a new key
 * (keyRotation.ts, docs/key-encryption.md) and exits.
 *
 * `npm run cloud -- backup <file>`: a consistent backup of the database (SQLite online backup, or pg_dump's custom
 * format), taken while a server may be running. `npm run cloud -- restore <file>`: checks the file (integrity, schema
 * version not newer than this build's) and replaces the database with it; refused while a server runs on it
 * (services/backup.ts, README "Backup and restore").
 *
 * `npm run cloud -- create-admin --site <id> --name <n> --phone <p> [--password-stdin]`: the first site administrator
 * account (createAdmin.ts); a one-time password is printed unless one is read from stdin.
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateToLatest, openCloudDatabase } from './db/database';
import { keyFileDirOf, resolveKeyEncryptionKeys } from './keyEncryption';
import { rotateKeyEncryptionKey } from './keyRotation';
import { backupDatabase, restoreDatabase } from './services/backup';
import { startCloudServer } from './server';
import { checkWorkersDatabase, parseWorkersArg, runPrimary, WORKER_SLOT_ENV } from './cluster';
import { ensureCloudSigningKey } from './services/passKeys';
import { notificationSettingsFromEnv, notifyIntervalMsOf } from './notifications/config';
import { randomSecret } from '../platform/secrets';
import { messageOf } from '../shared/errorText';
import { CREATE_ADMIN, createAdmin } from './createAdmin';

const ROTATE = 'rotate-key-encryption-key';
const BACKUP = 'backup';
const RESTORE = 'restore';

async function backup(sqlitePath: string, file: string): Promise<void> {
  if (!process.env.DATABASE_URL && !existsSync(sqlitePath)) throw new Error(`no SQLite database at ${sqlitePath} (PASSDESK_DB; DATABASE_URL for PostgreSQL)`);
  const db = await openCloudDatabase({ ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), sqlitePath });
  try {
    const result = await backupDatabase(db, file);
    console.log(`backed up the cloud database (${db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${sqlitePath}`}, schema ${result.version}) to ${file}`);
  } finally {
    await db.close();
  }
}

async function restore(sqlitePath: string, file: string): Promise<void> {
  const result = await restoreDatabase({ ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), sqlitePath }, file);
  console.log(`restored the cloud database from ${file} (schema ${result.version}); start the cloud to bring it up to this build's schema`);
}

async function rotate(sqlitePath: string): Promise<void> {
  const db = await openCloudDatabase({ ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), sqlitePath });
  try {
    await migrateToLatest(db);
    const keys = resolveKeyEncryptionKeys({ env: process.env, dataDir: keyFileDirOf(db, dirname(sqlitePath)) });
    const result = await rotateKeyEncryptionKey(db.kysely, keys, process.env);
    console.log(`re-encrypted ${result.resealed} private pass key(s) from key ${keys.current.id} to key ${result.newKeyId}`);
    for (const note of result.notes) console.log(note);
  } finally {
    await db.close();
  }
}

function sweepSecondsOf(env: NodeJS.ProcessEnv): number {
  const sweepSeconds = Number(env.PASSDESK_SWEEP_INTERVAL_SECONDS ?? '60');
  if (!Number.isFinite(sweepSeconds) || sweepSeconds < 0 || sweepSeconds > 86_400) {
    throw new Error(`PASSDESK_SWEEP_INTERVAL_SECONDS must be 0..86400 (got ${env.PASSDESK_SWEEP_INTERVAL_SECONDS})`);
  }
  return sweepSeconds;
}

/** The primary of `--workers N`: the database made ready once (no worker races another at a first start), then the workers. */
async function serveWorkers(workers: number, sqlitePath: string): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  checkWorkersDatabase(workers, databaseUrl);
  const sweepSeconds = sweepSecondsOf(process.env);
  notificationSettingsFromEnv(process.env, () => undefined); // a wrong SMS setting stops the start here, not in each worker
  notifyIntervalMsOf(process.env);
  const port = Number(process.env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535 (got ${process.env.PORT})`);
  const db = await openCloudDatabase({ ...(databaseUrl ? { databaseUrl } : {}), sqlitePath });
  try {
    await migrateToLatest(db);
    const keys = resolveKeyEncryptionKeys({ env: process.env, dataDir: keyFileDirOf(db, dirname(sqlitePath)) });
    await ensureCloudSigningKey(db.kysely, new Date(), keys);
  } finally {
    await db.close();
  }
  const adminToken = process.env.PASSDESK_ADMIN_TOKEN ?? randomSecret();
  if (!process.env.PASSDESK_ADMIN_TOKEN) console.log(`admin token (set PASSDESK_ADMIN_TOKEN to fix it): ${adminToken}`);
  const code = await runPrimary({ workers, env: { PASSDESK_ADMIN_TOKEN: adminToken }, sweepSeconds, log: (line) => console.log(line) });
  process.exit(code);
}

async function serve(sqlitePath: string): Promise<void> {
  const port = Number(process.env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535 (got ${process.env.PORT})`);
  const sweepSeconds = sweepSecondsOf(process.env);
  const notifications = notificationSettingsFromEnv(process.env, (line) => console.log(line));
  const notifyIntervalMs = notifyIntervalMsOf(process.env);
  const server = await startCloudServer({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    sqlitePath,
    ...(process.env.PASSDESK_ADMIN_TOKEN ? { adminToken: process.env.PASSDESK_ADMIN_TOKEN } : {}),
    corsOrigins: (process.env.PASSDESK_CORS_ORIGINS ?? '').split(',').filter((o) => o.trim() !== ''),
    ...(process.env.PASSDESK_PASS_VERSION === '1' ? { passTokenVersion: 1 as const } : {}),
    trustProxy: (process.env.PASSDESK_TRUST_PROXY ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    sweepIntervalMs: sweepSeconds * 1000,
    notifications,
    notifyIntervalMs,
    logger: true,
  });
  const db = server.db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${sqlitePath}`;
  const who = cluster.isWorker ? `Passdesk cloud worker ${process.env[WORKER_SLOT_ENV] ?? '?'} (pid ${process.pid})` : 'Passdesk cloud';
  console.log(`${who} listening on ${server.url} (${db})`);
  if (!cluster.isWorker) console.log(`web app: ${server.url}/app/ (visitors apply at /app/apply, hosts sign in at /app/host)`);
  if (!cluster.isWorker) {
    console.log(`private pass keys encrypted at rest under key ${server.keyEncryption.id} (${server.keyEncryption.source})`);
    if (!process.env.PASSDESK_ADMIN_TOKEN) console.log(`admin token (set PASSDESK_ADMIN_TOKEN to fix it): ${server.adminToken}`);
  }
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(args: string[]): Promise<void> {
  const sqlitePath = process.env.PASSDESK_DB ?? './data/cloud.sqlite';
  if (cluster.isWorker) return serve(sqlitePath);
  const { workers, rest: commandArgs } = parseWorkersArg(args);
  const [command, ...rest] = commandArgs;
  if (command === undefined) return workers === undefined ? serve(sqlitePath) : serveWorkers(workers, sqlitePath);
  if (command === ROTATE && rest.length === 0 && workers === undefined) return rotate(sqlitePath);
  if (command === BACKUP && rest.length === 1 && workers === undefined) return backup(sqlitePath, rest[0]!);
  if (command === RESTORE && rest.length === 1 && workers === undefined) return restore(sqlitePath, rest[0]!);
  if (command === CREATE_ADMIN && workers === undefined) {
    for (const line of await createAdmin({ ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}), sqlitePath }, rest))
      console.log(line);
    return;
  }
  throw new Error(
    `unknown arguments ${JSON.stringify(args.join(' '))}: none (serve), --workers N (serve in N processes), ${ROTATE}, ${BACKUP} <file>, ${RESTORE} <file> or ${CREATE_ADMIN} --site <id> --name <n> --phone <p>`,
  );
}

const WHAT: Record<string, string> = {
  [ROTATE]: 'rotate the key-encryption key',
  [BACKUP]: 'back up',
  [RESTORE]: 'restore',
  [CREATE_ADMIN]: 'create the administrator',
};

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`Passdesk cloud: cannot ${WHAT[process.argv[2] ?? ''] ?? 'start'}: ${messageOf(err)}`);
  process.exit(1);
});
