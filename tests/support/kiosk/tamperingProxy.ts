/**
 * An HTTP proxy on 127.0.0.1 in front of a real cloud that can rewrite the JSON of its sync pulls: what a kiosk gets
 * from a cloud that sends something wrong (a policy failing its schema), everything else passed through unchanged.
 * It also logs every request it passes on (method, path, body): what the cloud received, byte for byte, can hold the
 * cloud's pull replies back (a cloud gone slow), and counts the requests their client gave up before their reply.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TamperingProxy {
  url: string;
  /** rewrites each pull's JSON body while set */
  tamperPull: ((body: Record<string, unknown>) => Record<string, unknown>) | undefined;
  /** every request passed on to the cloud, oldest first */
  readonly requests: { method: string; path: string; body: Buffer }[];
  /** while set, a pull's reply is not passed on (the request waits until its client gives up) */
  holdPulls: boolean;
  /** requests whose client closed the connection before their reply was written */
  abandoned: number;
  close(): Promise<void>;
}

export async function startTamperingProxy(target: string): Promise<TamperingProxy> {
  const to = new URL(target);
  const proxy: TamperingProxy = { url: '', tamperPull: undefined, requests: [], holdPulls: false, abandoned: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableEnded) proxy.abandoned += 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      proxy.requests.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks) });
      const headers: IncomingHttpHeaders = { ...req.headers, host: to.host };
      const upstream = request({ hostname: to.hostname, port: to.port, path: req.url, method: req.method, headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          if (proxy.holdPulls && req.url?.includes('/sync/pull')) return;
          let out = Buffer.concat(body);
          const tamper = proxy.tamperPull;
          if (tamper && req.url?.includes('/sync/pull') && up.statusCode === 200) {
            out = Buffer.from(JSON.stringify(tamper(JSON.parse(out.toString('utf8')) as Record<string, unknown>)), 'utf8');
          }
          const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = up.headers;
          res.writeHead(up.statusCode ?? 502, { ...rest, 'content-length': out.length });
          res.end(out);
        });
      });
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // a reply held back keeps its connection open
      server.closeAllConnections();
    });
  return proxy;
}
