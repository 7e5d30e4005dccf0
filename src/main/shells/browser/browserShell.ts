/**
 * The browser shell: the kiosk UI in any browser on this machine. One HTTP server on 127.0.0.1 serves the
 * built renderer with a strict CSP and carries the IPC contract over a WebSocket at WS_PATH. A per-launch
 * secret travels in the URL fragment (never in a request) and must open every WebSocket session.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { randomSecret } from '../../../platform/secrets';
import { WS_PATH } from '../../../shared/ipc';
import type { KioskCore } from '../../core/kioskCore';
import { createLogger } from '../../core/log';
import { securityHeaders } from '../../../platform/contentSecurity';
import { serveStatic } from '../../../platform/staticFiles';
import { runWsSession } from './wsSession';

const log = createLogger('browser-shell');

export interface BrowserShellOptions {
  core: KioskCore;
  /** the built renderer (index.html + assets); default out/renderer */
  rendererDir?: string;
  /** 0 = a random free port */
  port?: number;
}

export interface BrowserShell {
  /** open this in the browser: http://127.0.0.1:PORT/#secret=… */
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

const MAX_WS_MESSAGE = 256 * 1024;

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { core } = options;
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  const secret = randomSecret();
  let port = 0;
  let origin = '';
  const hostHeaderOk = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}`;

  const server = createServer((req, res) => {
    const headers = securityHeaders(port);
    if (!hostHeaderOk(req)) {
      res.writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('misdirected request');
      return;
    }
    serveStatic(rendererDir, req, res, headers).catch((err: unknown) => {
      log.error('serving a file failed', err);
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!hostHeaderOk(req) || req.headers.origin !== origin) {
      log.warn(`WebSocket refused: origin ${String(req.headers.origin)}`);
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => runWsSession(ws, core, secret));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  log.info(`kiosk UI at ${origin}/ (the secret is in the URL fragment)`);

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    secret,
    close() {
      closing ??= new Promise<void>((ok) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
