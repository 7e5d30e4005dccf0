/** The browser shell over real HTTP and WebSocket (the `ws` package as the client). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { startBrowserShell, type BrowserShell } from '../../../../../src/main/shells/browser/browserShell';
import { WS_PATH, WsServerMessage } from '../../../../../src/shared/ipc';
import { tempDir } from '../../../../support/kiosk/helpers';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET: the path is sent exactly as written (fetch would normalise `..`). */
function rawGet(origin: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function connect(shell: BrowserShell, origin: string = shell.origin): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${new URL(shell.origin).port}${WS_PATH}`, { origin });
}

function messages(ws: WebSocket): { next(pred?: (m: WsServerMessage) => boolean): Promise<WsServerMessage> } {
  const queue: WsServerMessage[] = [];
  const waiters: { pred: (m: WsServerMessage) => boolean; ok: (m: WsServerMessage) => void }[] = [];
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = WsServerMessage.parse(
      JSON.parse((Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data).toString()),
    );
    const i = waiters.findIndex((w) => w.pred(msg));
    if (i >= 0) waiters.splice(i, 1)[0]!.ok(msg);
    else queue.push(msg);
  });
  return {
    next(pred = () => true) {
      const i = queue.findIndex(pred);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]!);
      return new Promise((ok) => waiters.push({ pred, ok }));
    },
  };
}

const closed = (ws: WebSocket) => new Promise<{ code: number }>((ok) => ws.on('close', (code) => ok({ code })));

describe('browser shell', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let shell: BrowserShell;
  beforeAll(async () => {
    t = tempDir();
    const rendererDir = join(t.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Passdesk</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("hi")');
    writeFileSync(join(t.dir, 'outside.txt'), 'secret stuff');
    core = await createKioskCore({ dataDir: join(t.dir, 'data'), cloudUrl: 'http://127.0.0.1:9', autoSync: false });
    shell = await startBrowserShell({ core, rendererDir, port: 0 });
  });
  afterAll(async () => {
    await shell.close();
    await core.close();
    t.cleanup();
  });

  it('gives a URL with the secret only in the fragment', () => {
    expect(shell.url).toBe(`${shell.origin}/#secret=${shell.secret}`);
    expect(shell.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves index.html and assets with a strict CSP and nosniff', async () => {
    const port = new URL(shell.origin).port;
    const index = await rawGet(shell.origin, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.body).toContain('<title>Passdesk</title>');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await rawGet(shell.origin, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/%2e%2e%2f%2e%2e%2foutside.txt',
    '/..%5coutside.txt',
    '/assets/',
    '/assets',
    '/nope.js',
    '/%00',
  ])('answers %s with 404 and no listing', async (path) => {
    const res = await rawGet(shell.origin, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret stuff');
    expect(res.body).not.toContain('app.js');
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const res = await rawGet(shell.origin, '/', { host: `evil.example:${new URL(shell.origin).port}` });
    expect(res.status).toBe(421);
  });

  it('closes with 4401 on a wrong secret', async () => {
    const ws = connect(shell);
    await new Promise((ok) => ws.on('open', ok));
    const done = closed(ws);
    ws.send(JSON.stringify({ type: 'hello', secret: 'x'.repeat(43) }));
    expect((await done).code).toBe(4401);
  });

  it('closes with 4401 when the first message is not hello', async () => {
    const ws = connect(shell);
    await new Promise((ok) => ws.on('open', ok));
    const done = closed(ws);
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', input: {} }));
    expect((await done).code).toBe(4401);
  });

  it('closes with 4401 when no hello comes within 5 s', async () => {
    const ws = connect(shell);
    await new Promise((ok) => ws.on('open', ok));
    const started = Date.now();
    expect((await closed(ws)).code).toBe(4401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
  }, 10_000);

  it('rejects a WebSocket from another Origin', async () => {
    const ws = connect(shell, 'http://evil.example');
    const status = await new Promise<number>((ok) => {
      ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
      ws.on('error', () => ok(-1));
    });
    expect(status).toBe(403);
  });

  it('with the right secret: ready, calls answered, events pushed, garbage survived', async () => {
    const ws = connect(shell);
    const inbox = messages(ws);
    await new Promise((ok) => ws.on('open', ok));
    ws.send(JSON.stringify({ type: 'hello', secret: shell.secret }));
    expect(await inbox.next()).toEqual({ type: 'ready' });

    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', input: {} }));
    expect(await inbox.next((m) => m.type === 'result' && m.id === 1)).toMatchObject({ ok: true, output: { host: 'browser', kioskName: 'Front desk' } });

    ws.send('{not json');
    expect(await inbox.next((m) => m.type === 'result' && m.id === -1)).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    ws.send(JSON.stringify({ type: 'call', id: 2, name: 'no.such', input: {} }));
    expect(await inbox.next((m) => m.type === 'result' && m.id === 2)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    ws.send(JSON.stringify({ type: 'call', id: 3, name: 'settings.setLanguage', input: { language: 'xx' } }));
    expect(await inbox.next((m) => m.type === 'result' && m.id === 3)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    ws.send(JSON.stringify({ type: 'call', id: 'four' }));
    expect(await inbox.next((m) => m.type === 'result' && !m.ok && m.id === -1)).toBeTruthy();

    ws.send(JSON.stringify({ type: 'call', id: 5, name: 'sync.now', input: {} }));
    expect(await inbox.next((m) => m.type === 'event' && m.name === 'sync.state')).toMatchObject({ payload: { phase: 'unenrolled' } });
    core.events.emit('bookings.changed', { count: 7 });
    expect(await inbox.next((m) => m.type === 'event' && m.name === 'bookings.changed')).toMatchObject({ payload: { count: 7 } });
    expect(await inbox.next((m) => m.type === 'result' && m.id === 5)).toMatchObject({ ok: true });

    // still alive after all that
    ws.send(JSON.stringify({ type: 'call', id: 6, name: 'devices.list', input: {} }));
    expect(await inbox.next((m) => m.type === 'result' && m.id === 6)).toMatchObject({ ok: true });
    ws.close();
  });
});
