/**
 * CLI: `npm run cloud`. Env: PORT (default 8787), HOST (default 127.0.0.1), DATABASE_URL (postgres://…),
 * PASSDESK_DB (SQLite path, default ./data/cloud.sqlite), PASSDESK_ADMIN_TOKEN (random and printed when absent),
 * PASSDESK_CORS_ORIGINS (comma-separated browser origins allowed cross-origin, e.g. the web app's; default none).
 */
import { startCloudServer } from './server';
import { messageOf } from '../shared/errorText';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535 (got ${process.env.PORT})`);
  const sqlitePath = process.env.PASSDESK_DB ?? './data/cloud.sqlite';
  const server = await startCloudServer({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    sqlitePath,
    ...(process.env.PASSDESK_ADMIN_TOKEN ? { adminToken: process.env.PASSDESK_ADMIN_TOKEN } : {}),
    corsOrigins: (process.env.PASSDESK_CORS_ORIGINS ?? '').split(',').filter((o) => o.trim() !== ''),
    logger: true,
  });
  const db = server.db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${sqlitePath}`;
  console.log(`Passdesk cloud listening on ${server.url} (${db})`);
  if (!process.env.PASSDESK_ADMIN_TOKEN) console.log(`admin token (set PASSDESK_ADMIN_TOKEN to fix it): ${server.adminToken}`);
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

main().catch((err: unknown) => {
  console.error(`Passdesk cloud: cannot start: ${messageOf(err)}`);
  process.exit(1);
});
