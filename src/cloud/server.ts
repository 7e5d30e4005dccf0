/** The cloud API on a real port: opens the database, runs migrations, listens; close() frees port and db. */
import type { FastifyInstance } from 'fastify';
import { buildCloudApp } from './app';
import { openCloudDatabase, type CloudDatabase } from './db/database';
import { randomSecret } from './secrets';

export interface StartCloudServerOptions {
  /** 0 or absent: a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** postgres://… ; SQLite (sqlitePath) when absent */
  databaseUrl?: string;
  /** default ./data/cloud.sqlite */
  sqlitePath?: string;
  /** random when absent (returned) */
  adminToken?: string;
  logger?: boolean;
  /** browser origins allowed cross-origin (the web app's); default none */
  corsOrigins?: readonly string[];
  pgSchema?: string;
  now?: () => Date;
}

export interface RunningCloudServer {
  url: string;
  adminToken: string;
  app: FastifyInstance;
  db: CloudDatabase;
  close(): Promise<void>;
}

export async function startCloudServer(opts: StartCloudServerOptions = {}): Promise<RunningCloudServer> {
  const db = await openCloudDatabase(opts); // an empty databaseUrl means SQLite there too
  const adminToken = opts.adminToken ?? randomSecret();
  let app: FastifyInstance;
  try {
    app = await buildCloudApp({
      db,
      adminToken,
      logger: opts.logger ?? false,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.corsOrigins ? { corsOrigins: opts.corsOrigins } : {}),
    });
  } catch (err) {
    await db.close();
    throw err;
  }
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port ?? 0, host });
  } catch (err) {
    await app.close();
    await db.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port ?? 0;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    adminToken,
    app,
    db,
    close() {
      closing ??= (async () => {
        // close keep-alive sockets too, so the port is free at once for a restart
        app.server.closeAllConnections();
        await app.close();
        await db.close();
      })();
      return closing;
    },
  };
}
