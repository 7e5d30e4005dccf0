/**
 * The start-up error screen: when the kiosk core refuses to start because its database was found damaged
 * (src/main/core/db/integrity.ts), the browser shell's launcher serves this one page instead of the renderer, on the
 * kiosk's port and 127.0.0.1 only, and opens it like the kiosk: the words in zh-CN and English, the kept file named.
 * It holds no visitor data and takes no input; it refreshes itself every minute (an administrator who fixed things
 * restarts the kiosk).
 */
import { createServer, type Server } from 'node:http';
import { damagedDatabaseWords, KioskDatabaseDamagedError } from '../core/db/databaseDamage';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The screen's words as plain lines (the console, Electron's error box), zh-CN first; undefined for another error. */
export function startupErrorLines(err: unknown): string[] | undefined {
  if (!(err instanceof KioskDatabaseDamagedError)) return undefined;
  const words = damagedDatabaseWords(err.damage);
  return [words['zh-CN'].title, ...words['zh-CN'].lines, '', words.en.title, ...words.en.lines];
}

export function startupErrorHtml(err: KioskDatabaseDamagedError): string {
  const words = damagedDatabaseWords(err.damage);
  const section = (lang: 'zh-CN' | 'en') =>
    `<section lang="${lang}"><h1>${escapeHtml(words[lang].title)}</h1>${words[lang].lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</section>`;
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="60">',
    '<title>Passdesk</title><style>body{font:20px/1.5 system-ui,sans-serif;margin:48px;background:#fff4f2;color:#3b0d0c}',
    'h1{font-size:32px;color:#a4161a}section{margin-bottom:40px}p{word-break:break-all}</style></head>',
    `<body data-testid="startup-error" data-error="database_damaged">${section('zh-CN')}${section('en')}</body></html>`,
  ].join('');
}

/** Serves the screen on 127.0.0.1:`port` (0: any); resolves with its URL and how to stop it. */
export async function serveStartupError(err: KioskDatabaseDamagedError, port: number): Promise<{ url: string; server: Server }> {
  const body = startupErrorHtml(err);
  const server = createServer((req, res) => {
    res.writeHead(req.method === 'GET' ? 503 : 405, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'GET' ? body : '');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`, server };
}
