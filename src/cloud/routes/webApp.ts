/**
 * The web app (issue 13 item 5) served by the cloud under /app/: the static files of its build (out/webapp, `npm run
 * build:webapp`), any other path under /app/ (a client route such as /app/host) answered with index.html, which
 * the page's own router then reads. Files only, nothing outside the build folder (src/platform/staticFiles.ts).
 * Headers: a strict Content-Security-Policy (scripts, styles and API calls from this origin only, no inline script or
 * style, no framing); Vite's content-hashed files (assets/) cached for a year as immutable, everything else revalidated
 * on every load so a new build is seen at once. Hidden from the OpenAPI document, like /openapi.json: pages, not API.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { anyone } from '../access';
import { contentTypeOf, findFileInside } from '../../platform/staticFiles';

export const WEB_APP_PATH = '/app';

/** The web app's Content-Security-Policy: nothing inline, nothing from elsewhere, never framed. */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Vite names the files under assets/ by their content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always asked again (a new build's index names its new assets). */
const REVALIDATE = 'no-cache';

export interface WebAppRouteOptions {
  /** the build output of vite.webapp.config.ts */
  dir: string;
}

/** The default build folder: out/webapp of the working directory (the repository, for npm start and npm run cloud). */
export const defaultWebAppDir = (): string => resolve(process.env.PASSDESK_WEBAPP_DIR ?? 'out/webapp');

const access = anyone('the web app’s pages and scripts: public like any web page; what they show comes from API calls with the caller’s own credential');

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const webAppRoutes: FastifyPluginAsync<WebAppRouteOptions> = async (app, { dir }) => {
  const send = async (reply: FastifyReply, file: string, cacheControl: string) =>
    reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': cacheControl, 'content-type': contentTypeOf(file) })
      .code(200)
      .send(await readFile(file));

  const notFound = (reply: FastifyReply, message: string) =>
    reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': REVALIDATE, 'content-type': 'text/plain; charset=utf-8' })
      .code(404)
      .send(message);

  app.get(WEB_APP_PATH, { config: { access }, schema: { hide: true } }, (_req, reply) => reply.headers(SECURITY_HEADERS).redirect(`${WEB_APP_PATH}/`, 308));

  app.get(`${WEB_APP_PATH}/*`, { config: { access }, schema: { hide: true } }, async (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    const found = rest === '' ? undefined : await findFileInside(dir, rest);
    if (found) return send(reply, found.file, rest.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    // a missing file (a name with an extension) is 404, never the page: a stale script URL must not get HTML
    const last = rest.split('/').pop() ?? '';
    if (/\.[A-Za-z0-9]+$/.test(last)) return notFound(reply, 'not found');
    const index = await findFileInside(dir, 'index.html');
    if (!index) return notFound(reply, 'the web app is not built: npm run build:webapp');
    return send(reply, index.file, REVALIDATE);
  });
};
