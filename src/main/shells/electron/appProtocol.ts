/**
 * The app's own origin in Electron: passdesk://app/ serves the built renderer (a standard, secure scheme,
 * so the page gets a real origin, CSP 'self' works and no file:// access is granted).
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../../../platform/contentSecurity';
import { contentTypeOf, findFileInside } from '../../../platform/staticFiles';
import { APP_SCHEME } from './appUrl';

export { APP_ORIGIN, APP_SCHEME, APP_URL, isAppUrl } from './appUrl';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** Serves files of `rendererDir` on passdesk://app/; anything outside it is a 404. Call after 'ready'. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return text(404, 'not found');
    const found = await findFileInside(rendererDir, url.pathname);
    if (!found) return text(404, 'not found');
    try {
      return new Response(await readFile(found.file), {
        status: 200,
        headers: {
          'content-type': contentTypeOf(found.file),
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return text(404, 'not found');
    }
  });
}
