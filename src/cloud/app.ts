/**
 * The cloud API as a Fastify instance, built apart from the HTTP server so tests use app.inject.
 * One set of zod schemas (src/shared) validates requests, serialises replies, types handlers and documents
 * the API (GET /openapi.json).
 */
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { redactText } from '../shared/mask';
import { API_PREFIX, type ApiError } from '../shared/sync';
import { installAccessControl, SECURITY_SCHEMES, securityTransform } from './access';
import type { CloudContext } from './context';
import { startBookingChanges } from './db/changeNotifications';
import { migrateToLatest, type CloudDatabase } from './db/database';
import { HttpError } from './errors';
import { adminRoutes } from './routes/admin';
import { blacklistRoutes } from './routes/blacklist';
import { bookingRoutes } from './routes/bookings';
import { enrolmentRoutes } from './routes/enrolment';
import { healthRoutes } from './routes/health';
import { hostRoutes } from './routes/hosts';
import { hostAdminRoutes } from './routes/hostAdmin';
import { kioskRoutes } from './routes/kiosk';
import { passRoutes } from './routes/passes';
import { siteKeyRoutes } from './routes/siteKeys';
import { policyRoutes } from './routes/policy';
import { visitorPhotoRoutes } from './routes/visitorPhotos';
import { hostDeskRoutes } from './routes/hostDesk';
import { companionLinkRoutes } from './routes/companionLinks';
import { recordRoutes } from './routes/records';
import { dashboardRoutes } from './routes/dashboard';
import { RECORDS_EXPORT_MAX } from '../shared/records';
import { backupRoutes } from './routes/backup';
import { retentionRoutes } from './routes/retention';
import { revocationRoutes } from './routes/revocation';
import { syncRoutes } from './routes/sync';
import { defaultWebAppDir, webAppRoutes } from './routes/webApp';
import { accountRoutes } from './routes/accounts';
import { signInRoutes } from './routes/signIn';
import { visitorBookingRoutes } from './routes/visitorBookings';
import { ensureCloudSigningKey } from './services/passKeys';
import { RateLimiter, rateLimitsWith, type RateLimits } from './services/rateLimits';
import { signInCodeSenderFor, type SignInCodeSender } from './services/signInCodeSender';
import { keyFileDirOf, resolveKeyEncryptionKeys, type KeyEncryptionKeys } from './keyEncryption';
import { consoleProvider, type NotificationSettings } from './notifications/provider';
import { notificationRoutes } from './routes/notifications';
import { siteListRoutes } from './routes/siteLists';
import { reviewRoutes } from './routes/review';

export interface BuildCloudAppOptions {
  db: CloudDatabase;
  adminToken: string;
  now?: () => Date;
  logger?: boolean;
  /** rate limits of the anonymous routes; each rule given replaces its default (DEFAULT_RATE_LIMITS) */
  rateLimits?: Partial<RateLimits>;
  /**
   * The reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the client, e.g. the web app's front. Default
   * none: the client is the peer address. Without it behind a proxy, every visitor shares the proxy's rate limits.
   */
  trustProxy?: readonly string[];
  /** the passes the cloud issues: 2 (compact, default) or 1 until every kiosk reads version 2 (PASSDESK_PASS_VERSION) */
  passTokenVersion?: 1 | 2;
  /**
   * Browser origins (scheme://host[:port]) allowed to call the API cross-origin, e.g. the web app's. Default none:
   * no CORS headers at all (the kiosk core and servers call the API directly, not from a browser page).
   */
  corsOrigins?: readonly string[];
  /**
   * The key-encryption key(s) sealing the cloud's private pass key in the database. Default: from the environment
   * (PASSDESK_KEY_ENCRYPTION_KEY, PASSDESK_KEY_FILE) or the key file beside the SQLite database (./data with
   * PostgreSQL); see keyEncryption.ts.
   */
  keyEncryption?: KeyEncryptionKeys;
  /** the web app's build folder, served under /app/ (routes/webApp.ts); default out/webapp (PASSDESK_WEBAPP_DIR) */
  webAppDir?: string;
  /**
   * The SMS provider and texts (src/cloud/notifications/). Default: the console provider writing to the app's log
   * (silent without a logger), texts in zh-CN, links relative (no PASSDESK_PUBLIC_URL).
   */
  notifications?: NotificationSettings;
  /** the most rows one record export may hold (default RECORDS_EXPORT_MAX, src/shared/records.ts) */
  recordsExportMax?: number;
  /** delivers one-time sign-in codes to phones; default: printed on the console with the phone masked (development) */
  signInCodeSender?: SignInCodeSender;
}

/** Checks a list of allowed CORS origins: each exactly an origin, no path, no wildcard. */
export function parseCorsOrigins(list: readonly string[]): string[] {
  return list.map((raw) => {
    const entry = raw.trim();
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new Error(`CORS origin ${JSON.stringify(entry)} is not a URL (want e.g. https://visits.example.com)`);
    }
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      throw new Error(
        `CORS origin ${JSON.stringify(entry)} must be just scheme://host[:port] (e.g. ${origin === 'null' ? 'https://visits.example.com' : origin})`,
      );
    }
    return origin;
  });
}

/** An invitation or companion link's token is a secret (its holder may book with it): never in a log line. */
export const redactInvitationToken = (url: string): string =>
  url.replace(/(\/invitations\/|\/app\/invite\/|\/companion-links\/|\/app\/companion\/)[A-Za-z0-9_-]{43}(?=[/?#]|$)/g, '$1…');

/** Logs carry method, path and status only, with any ID or phone number redacted; never bodies. */
function loggerOptions(enabled: boolean | undefined): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    level: 'info',
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactText(redactInvitationToken(req.url)) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: FastifyError) => ({ type: err.name, code: err.code, message: redactText(err.message), stack: redactText(err.stack ?? '') }),
    },
  };
}

/**
 * One log line per request, when it is answered (method, path, status, time), not Fastify's two (received, then
 * completed): issue 12 measured the pair at a quarter of a cheap request's time when logging to a file.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

interface ValidationIssue {
  path: string;
  message: string;
}

function toApiError(err: FastifyError | Error, validationErrorCode: string): { status: number; body: ApiError } {
  if (err instanceof HttpError) {
    return { status: err.statusCode, body: { error: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues: ValidationIssue[] = err.validation.map((v) => ({
      path: `${err.validationContext ?? ''}${v.instancePath}`,
      message: redactText(v.message ?? 'invalid'),
    }));
    // a command whose only fault is its signature field was not signed (properly): that is an auth failure
    if (validationErrorCode === 'command_malformed' && issues.length > 0 && issues.every((i) => /\/commands\/\d+\/sig$/.test(i.path))) {
      return {
        status: 401,
        body: { error: 'command_bad_signature', message: 'a command is unsigned or its signature is malformed; nothing was applied', details: { issues } },
      };
    }
    return { status: 400, body: { error: validationErrorCode, message: 'the request does not match the schema', details: { issues } } };
  }
  const fe = err as Error & Partial<Pick<FastifyError, 'code' | 'statusCode'>>; // any error may reach here, not only Fastify's
  if (fe.statusCode === 413) {
    return { status: 413, body: { error: 'body_too_large', message: 'the request body is larger than this route accepts; nothing was read or applied' } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // e.g. unparseable JSON: on push that is a malformed command, on verify a malformed pass
    const code = fe.statusCode === 400 ? validationErrorCode : (fe.code ?? 'bad_request').toLowerCase();
    return { status: fe.statusCode, body: { error: code, message: redactText(fe.message) } };
  }
  return { status: 500, body: { error: 'internal', message: 'internal error' } };
}

export async function buildCloudApp(opts: BuildCloudAppOptions): Promise<FastifyInstance> {
  const now = opts.now ?? (() => new Date());
  await migrateToLatest(opts.db);
  const keys = opts.keyEncryption ?? resolveKeyEncryptionKeys({ env: process.env, dataDir: keyFileDirOf(opts.db) });
  const signingKey = await ensureCloudSigningKey(opts.db.kysely, now(), keys);
  // one listening connection per app (its process's); a fault of it goes to the app's log once the app exists
  let log: FastifyBaseLogger | undefined;
  const rateLimiter = new RateLimiter(opts.db.kysely, rateLimitsWith(opts.rateLimits), now, (err) =>
    log?.warn({ err }, 'rate limits: batched counts not written'),
  );
  const bookingChanges = await startBookingChanges(opts.db, (err) => log?.warn({ err }, 'change notifications: listening connection lost'));
  const notifications = opts.notifications ?? { provider: consoleProvider((line) => log?.info(line)), language: 'zh-CN', publicUrl: '' };
  const ctx: CloudContext = {
    database: opts.db,
    db: opts.db.kysely,
    adminToken: opts.adminToken,
    now,
    signingKey,
    keyEncryption: keys,
    rateLimiter,
    bookingChanges,
    passTokenVersion: opts.passTokenVersion ?? 2,
    notifications,
    signInCodeSender: opts.signInCodeSender ?? signInCodeSenderFor(notifications),
  };
  try {
    const app = await withRoutes(ctx, opts);
    log = app.log;
    return app;
  } catch (err) {
    await bookingChanges.close();
    throw err;
  }
}

async function withRoutes(ctx: CloudContext, opts: BuildCloudAppOptions): Promise<FastifyInstance> {
  const trustProxy = opts.trustProxy && opts.trustProxy.length > 0 ? [...opts.trustProxy] : false;
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    logController: new OneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onClose', async () => {
    await ctx.rateLimiter.close();
    await ctx.bookingChanges.close();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- defensive: an error raised before routing may come without a route config
    const { status, body } = toApiError(err, req.routeOptions.config?.validationErrorCode ?? 'invalid_request');
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  });
  app.setNotFoundHandler((req, reply) => {
    const body: ApiError = { error: 'not_found', message: `no route ${req.method} ${redactText(req.url.split('?')[0] ?? '')}` };
    return reply.code(404).type('application/json').send(JSON.stringify(body));
  });

  const corsOrigins = parseCorsOrigins(opts.corsOrigins ?? []);
  // origin false: no CORS headers, so a page of another origin cannot read any reply. Registered before the access
  // hook, so that a refusal (401 credential_revoked…) reaches the web app with its CORS headers and can be read.
  await app.register(cors, { origin: corsOrigins.length > 0 ? corsOrigins : false });
  installAccessControl(app, ctx);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Passdesk cloud API',
        description: 'Bookings, approvals, kiosk sync and passes. Who may call each operation is in its `security` and `x-passdesk-access`.',
        version: '1.0.0',
        license: { name: 'Proprietary' },
      },
      servers: [{ url: '/', description: 'this server' }],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: securityTransform(jsonSchemaTransform),
  });

  await app.register(healthRoutes, { ctx });
  await app.register(adminRoutes, { ctx, prefix: API_PREFIX });
  await app.register(enrolmentRoutes, { ctx, prefix: API_PREFIX });
  await app.register(hostRoutes, { ctx, prefix: API_PREFIX });
  await app.register(hostAdminRoutes, { ctx, prefix: API_PREFIX });
  await app.register(bookingRoutes, { ctx, prefix: API_PREFIX });
  await app.register(passRoutes, { ctx, prefix: API_PREFIX });
  await app.register(syncRoutes, { ctx, prefix: API_PREFIX });
  await app.register(kioskRoutes, { ctx, prefix: API_PREFIX });
  await app.register(blacklistRoutes, { ctx, prefix: API_PREFIX });
  await app.register(revocationRoutes, { ctx, prefix: API_PREFIX });
  await app.register(recordRoutes, { ctx, prefix: API_PREFIX, exportMax: opts.recordsExportMax ?? RECORDS_EXPORT_MAX });
  await app.register(policyRoutes, { ctx, prefix: API_PREFIX });
  await app.register(siteKeyRoutes, { ctx, prefix: API_PREFIX });
  await app.register(visitorPhotoRoutes, { ctx, prefix: API_PREFIX });
  await app.register(webAppRoutes, { dir: opts.webAppDir ?? defaultWebAppDir() });
  await app.register(hostDeskRoutes, { ctx, prefix: API_PREFIX });
  await app.register(notificationRoutes, { ctx, prefix: API_PREFIX });
  await app.register(signInRoutes, { ctx, prefix: API_PREFIX });
  await app.register(accountRoutes, { ctx, prefix: API_PREFIX });
  await app.register(visitorBookingRoutes, { ctx, prefix: API_PREFIX });
  await app.register(companionLinkRoutes, { ctx, prefix: API_PREFIX });
  await app.register(backupRoutes, { ctx, prefix: API_PREFIX });
  await app.register(retentionRoutes, { ctx, prefix: API_PREFIX });
  await app.register(dashboardRoutes, { ctx, prefix: API_PREFIX });
  await app.register(siteListRoutes, { ctx, prefix: API_PREFIX });
  await app.register(reviewRoutes, { ctx, prefix: API_PREFIX });
  await app.ready();
  return app;
}
