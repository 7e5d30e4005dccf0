/** The cloud API on a real port: opens the database, runs migrations, listens; close() frees port and db. */
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildCloudApp } from './app';
import { openCloudDatabase, type CloudDatabase } from './db/database';
import { keyFileDirOf, resolveKeyEncryptionKeys, type KeyEncryptionKeys } from './keyEncryption';
import { randomSecret } from '../platform/secrets';
import type { RateLimits } from './services/rateLimits';
import { runSweepJob, startSweepJob, SWEEP_INTERVAL_MS } from './services/sweepJob';
import { NOTIFY_INTERVAL_MS, runNotificationDispatch } from './notifications/dispatcher';
import { consoleProvider, type NotificationSettings } from './notifications/provider';
import { holdPresenceLock } from './services/pgBackup';
import { PURGE_INTERVAL_MS, runPurgeJob } from './services/retention';

export interface StartCloudServerOptions {
  /** 0 or absent: a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** postgres://… ; SQLite (sqlitePath) when absent */
  databaseUrl?: string;
  /** default ./data/cloud.sqlite; with PostgreSQL its folder is the data folder (the default key file's) */
  sqlitePath?: string;
  /** random when absent (returned) */
  adminToken?: string;
  logger?: boolean;
  /** browser origins allowed cross-origin (the web app's); default none */
  corsOrigins?: readonly string[];
  pgSchema?: string;
  now?: () => Date;
  /** rate limits of the anonymous routes (defaults: DEFAULT_RATE_LIMITS) */
  rateLimits?: Partial<RateLimits>;
  /** reverse proxies whose X-Forwarded-For is believed (see BuildCloudAppOptions.trustProxy) */
  trustProxy?: readonly string[];
  /** see BuildCloudAppOptions.passTokenVersion */
  passTokenVersion?: 1 | 2;
  /** default: from the environment or the key file in the data folder (see keyEncryption.ts) */
  keyEncryption?: KeyEncryptionKeys;
  /**
   * How often this process runs the sweep job (expiry and end-of-window visits, sweepJob.ts), at start and then every
   * interval; default SWEEP_INTERVAL_MS (60 s); 0: never (another process sweeps).
   */
  sweepIntervalMs?: number;
  /** see BuildCloudAppOptions.webAppDir */
  webAppDir?: string;
  /** the SMS provider and texts; default the console provider writing to the app's log (see BuildCloudAppOptions) */
  notifications?: NotificationSettings;
  /** how often this process runs the notification dispatcher (notifications/dispatcher.ts); default 5 s; 0: never */
  notifyIntervalMs?: number;
  /**
   * How often this process runs the retention purge job (services/retention.ts), at start and then every interval;
   * default PURGE_INTERVAL_MS (daily) where this process sweeps, 0 (never) where it does not.
   */
  purgeIntervalMs?: number;
}

export interface RunningCloudServer {
  url: string;
  adminToken: string;
  app: FastifyInstance;
  db: CloudDatabase;
  /** which key-encryption key seals the private pass keys (its id and where it came from; never the key) */
  keyEncryption: { id: string; source: string };
  close(): Promise<void>;
}

export async function startCloudServer(opts: StartCloudServerOptions = {}): Promise<RunningCloudServer> {
  const db = await openCloudDatabase(opts); // an empty databaseUrl means SQLite there too
  // PostgreSQL: the presence lock that makes a restore refuse while this server runs (SQLite: its open connection)
  let presence: { release(): Promise<void> } | undefined;
  try {
    if (db.connection?.kind === 'postgres') presence = await holdPresenceLock(db.connection.url, db.connection.pgSchema ?? 'public');
  } catch (err) {
    await db.close();
    throw err;
  }
  const adminToken = opts.adminToken ?? randomSecret();
  let app: FastifyInstance;
  let keyEncryption: KeyEncryptionKeys;
  const notifications: NotificationSettings = opts.notifications ?? {
    provider: consoleProvider((line) => app.log.info(line)),
    language: 'zh-CN',
    publicUrl: '',
  };
  try {
    keyEncryption =
      opts.keyEncryption ?? resolveKeyEncryptionKeys({ env: process.env, dataDir: keyFileDirOf(db, dirname(opts.sqlitePath ?? './data/cloud.sqlite')) });
    app = await buildCloudApp({
      keyEncryption,
      notifications,
      db,
      adminToken,
      logger: opts.logger ?? false,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
      ...(opts.corsOrigins ? { corsOrigins: opts.corsOrigins } : {}),
      ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.passTokenVersion ? { passTokenVersion: opts.passTokenVersion } : {}),
      ...(opts.webAppDir !== undefined ? { webAppDir: opts.webAppDir } : {}),
    });
  } catch (err) {
    await presence?.release();
    await db.close();
    throw err;
  }
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port ?? 0, host });
  } catch (err) {
    await app.close();
    await presence?.release();
    await db.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const sweepIntervalMs = opts.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  const now = opts.now ?? (() => new Date());
  const stopSweeps =
    sweepIntervalMs > 0
      ? startSweepJob(
          () => runSweepJob(db.kysely, db.dialect, now()),
          (err) => app.log.error({ err }, 'sweep job failed'),
          sweepIntervalMs,
        )
      : () => Promise.resolve();
  const notifyIntervalMs = opts.notifyIntervalMs ?? NOTIFY_INTERVAL_MS;
  const stopNotifications =
    notifyIntervalMs > 0
      ? startSweepJob(
          () => runNotificationDispatch(db.kysely, db.dialect, notifications, now, undefined, (line) => app.log.warn(line)),
          (err) => app.log.error({ err }, 'notification dispatch failed'),
          notifyIntervalMs,
        )
      : () => Promise.resolve();
  const purgeIntervalMs = opts.purgeIntervalMs ?? (sweepIntervalMs > 0 ? PURGE_INTERVAL_MS : 0);
  const stopPurges =
    purgeIntervalMs > 0
      ? startSweepJob(
          () => runPurgeJob(db.kysely, db.dialect, now()),
          (err) => app.log.error({ err }, 'retention purge failed'),
          purgeIntervalMs,
        )
      : () => Promise.resolve();
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    adminToken,
    app,
    db,
    keyEncryption: { id: keyEncryption.current.id, source: keyEncryption.current.source },
    close() {
      closing ??= (async () => {
        await Promise.all([stopSweeps(), stopNotifications(), stopPurges()]);
        // close keep-alive sockets too, so the port is free at once for a restart; nothing awaited between this and
        // the close, or a client could open a new keep-alive connection that outlives this server
        app.server.closeAllConnections();
        await app.close();
        await presence?.release();
        await db.close();
      })();
      return closing;
    },
  };
}
