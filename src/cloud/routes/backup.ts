/**
 * A backup of the cloud database for a site administrator to download (issue 14 §8): the same consistent backup as
 * `npm run cloud -- backup <file>` (services/backup.ts), streamed. SQLite: the online backup into a private temporary
 * file, sent and then removed; PostgreSQL: pg_dump's custom format piped through (a dump that fails midway breaks the
 * download rather than ending it short). Restoring is done on the command line, with the server stopped.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../shared/sync';
import { adminOnly } from '../access';
import { actorOf } from '../auth';
import { writeAudit } from '../repositories/audit';
import { BackupError, backupDatabase } from '../services/backup';
import { HttpError } from '../errors';
import { dumpPostgresStream } from '../services/pgBackup';
import type { CloudDatabase } from '../db/database';
import { errorReplies, type RouteOptions } from './common';

const BackupBytes = z.string().meta({ format: 'binary', description: 'SQLite: a database file; PostgreSQL: a pg_dump custom-format archive' });

async function backupStream(db: CloudDatabase): Promise<Readable> {
  if (db.connection?.kind === 'postgres') {
    try {
      return dumpPostgresStream(db.connection.url, db.connection.pgSchema ?? 'public');
    } catch (err) {
      // pg_dump missing: say so (503: the server cannot do it as installed), not an internal error
      if (err instanceof BackupError) throw new HttpError(503, err.code, err.message);
      throw err;
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'passdesk-backup-'));
  try {
    const file = join(dir, 'cloud.sqlite');
    await backupDatabase(db, file);
    const stream = createReadStream(file);
    stream.on('close', () => void rm(dir, { recursive: true, force: true }));
    return stream;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const backupRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/backup',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'Download a consistent backup of the cloud database (restore it with `npm run cloud -- restore <file>`, the server stopped)',
        operationId: 'getAdminBackup',
        response: {
          200: { description: 'the backup', content: { 'application/octet-stream': { schema: BackupBytes } } },
          ...errorReplies,
          503: ApiError,
        },
      },
    },
    async (req, reply) => {
      const now = ctx.now();
      const stream = await backupStream(ctx.database);
      const name = `passdesk-cloud-${now.toISOString().replace(/[:.]/g, '-')}.${ctx.database.dialect === 'postgres' ? 'pgdump' : 'sqlite'}`;
      await writeAudit(ctx.db, { at: now, actor: actorOf(req.principal), action: 'backup.download', subject: '*', detail: { name } });
      return reply
        .code(200)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${name}"`)
        .type('application/octet-stream')
        .send(stream as unknown as string);
    },
  );
};
