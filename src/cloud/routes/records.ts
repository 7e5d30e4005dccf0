/**
 * Records (issue 14 §5): the visit and booking lists of a site with their filters, paged by a keyset cursor, and their
 * export as CSV or XLSX (streamed; masked unless an administrator asks for `unmasked=true`, which the audit log keeps
 * with who asked and the filter).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { RecordPage, RecordsExportQuery, RecordsQuery, type RecordKind, type RecordsFilter } from '../../shared/records';
import { siteTimeZone } from '../../shared/siteDay';
import { recordsReaders, type RouteAccess } from '../access';
import { actorOf, type Principal } from '../auth';
import { forbidden, HttpError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { countRecordsUpTo } from '../repositories/records';
import { findSiteTimezone } from '../repositories/sites';
import { eachRecordBatch, keywordForLog, readRecordPage, recordsSqlFilter } from '../services/records';
import { csvExport, xlsxExport } from '../services/recordsExport';
import type { CloudContext } from '../context';
import { errorReplies, type RouteOptions } from './common';

/** Who may read records: administrators and records viewers (their own site: the access hook's site check). */
export const RECORDS_READERS: RouteAccess = recordsReaders;

/** An account of one site reads its own site's records when it names none (the access hook refuses another). */
function ownSite<F extends { siteId?: string | undefined }>(p: Principal | undefined, f: F): F {
  const own = p?.kind === 'staff' ? p.siteId : p?.kind === 'admin' ? p.account?.siteId : undefined;
  return f.siteId === undefined && typeof own === 'string' ? { ...f, siteId: own } : f;
}

/** Full ID and phone numbers in an export: administrators only, whoever else may read records. */
export const mayUnmask = (p: Principal | undefined): boolean => p?.kind === 'admin';

const KINDS: readonly { kind: RecordKind; words: string; sheet: string }[] = [
  { kind: 'visits', words: 'visits (bookings a visitor arrived on), newest entry first', sheet: '来访记录' },
  { kind: 'bookings', words: 'bookings, latest window start first', sheet: '预约记录' },
];

const FileBytes = z.string().meta({ format: 'binary' });

/** The filter as the audit log keeps it: what was asked, a keyword's number masked. */
function filterForLog(f: RecordsFilter): Record<string, unknown> {
  const { keyword, ...rest } = f;
  return { ...rest, ...(keyword !== undefined ? { keyword: keywordForLog(keyword) } : {}) };
}

interface RecordRouteOptions extends RouteOptions {
  /** the most rows one export may hold (RECORDS_EXPORT_MAX unless the app was built with another) */
  exportMax: number;
}

interface ExportRequest {
  principal: Principal | undefined;
  kind: RecordKind;
  sheet: string;
  query: RecordsExportQuery;
  exportMax: number;
}

async function sendExport(ctx: CloudContext, reply: FastifyReply, { principal, kind, sheet, query: q, exportMax }: ExportRequest) {
  const { format, unmasked: unmaskedText, ...filter } = q;
  const unmasked = unmaskedText === 'true';
  if (unmasked && !mayUnmask(principal)) throw forbidden('full ID and phone numbers are for administrators only');
  const f = await recordsSqlFilter(ctx.db, kind, ownSite(principal, filter), ctx.now());
  const count = await countRecordsUpTo(ctx.db, f, exportMax + 1);
  if (count > exportMax) {
    throw new HttpError(422, 'export_too_large', `more than ${exportMax} rows match: narrow the filters (a shorter date range) and export in parts`, {
      limit: exportMax,
    });
  }
  if (unmasked) {
    await writeAudit(ctx.db, {
      at: ctx.now(),
      actor: actorOf(principal),
      action: 'records.export_unmasked',
      subject: `${kind}:${f.siteId}`,
      detail: { format, rows: count, filter: filterForLog(filter) },
    });
  }
  const tz = siteTimeZone(await findSiteTimezone(ctx.db, f.siteId));
  const batches = eachRecordBatch(ctx.db, f, unmasked);
  const stamp = ctx.now().toISOString().slice(0, 10);
  const body = format === 'csv' ? csvExport(batches, tz) : xlsxExport(batches, tz, sheet);
  return reply
    .code(200)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${kind}-${stamp}.${format}"`)
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(body);
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const recordRoutes: FastifyPluginAsyncZod<RecordRouteOptions> = async (app, { ctx, exportMax }) => {
  for (const { kind, words, sheet } of KINDS) {
    app.get(
      `/admin/records/${kind}`,
      {
        config: { access: RECORDS_READERS },
        schema: {
          summary: `A page of a site’s ${words}, filtered; ID and phone numbers masked`,
          description:
            'Filters: from/to (site days, inclusive), hostId, department, source and status (comma-separated), area, kioskId, keyword ' +
            '(a name’s beginning, or a whole phone or ID number matched by its hash). Paging: pass nextCursor as cursor.',
          querystring: RecordsQuery,
          response: { 200: RecordPage, ...errorReplies },
        },
      },
      async (req) => {
        const { limit, cursor, ...filter } = req.query;
        return readRecordPage(ctx.db, await recordsSqlFilter(ctx.db, kind, ownSite(req.principal, filter), ctx.now()), cursor, limit);
      },
    );

    app.get(
      `/admin/records/${kind}/export`,
      {
        config: { access: RECORDS_READERS },
        schema: {
          summary: `Export a site’s ${words}, filtered as the list, as CSV (UTF-8 with BOM) or XLSX, streamed`,
          description: `At most ${exportMax} rows (422 export_too_large above it). Masked unless unmasked=true: administrators only, written to the audit log.`,
          querystring: RecordsExportQuery,
          response: {
            200: {
              description: 'the file',
              content: {
                'text/csv': { schema: FileBytes },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: FileBytes },
              },
            },
            ...errorReplies,
          },
        },
      },
      async (req, reply) => sendExport(ctx, reply, { principal: req.principal, kind, sheet, query: req.query, exportMax }),
    );
  }
};
