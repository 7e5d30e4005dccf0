/**
 * The kiosk's cloud clients send a request again, once, when the kept-alive socket it went out on was dead (reset
 * before any byte of the answer: the cloud had closed it meanwhile) — the pull and the directory's reads, and the push
 * (the cloud applies each command once, by its id). A reset on a new socket is no stale socket: not sent again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudRequestError, createCloudClient } from '../../../../../src/main/core/sync/cloudClient';
import { createKioskDirectoryClient } from '../../../../../src/main/core/sync/directoryClient';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const PAGE = { cursor: 'c1', hasMore: false, serverTime: '2026-11-22T02:00:00.000Z', bookings: [], hosts: [], blacklist: [] };
const ANSWERS: Record<string, unknown> = {
  '/api/v1/sync/pull': PAGE,
  '/api/v1/sync/push': { results: [] },
  '/api/v1/kiosk/visits/today': { date: '2026-11-22', visits: [] },
};

/**
 * A cloud that answers on kept-alive sockets and destroys the socket a request came on, without a byte of answer,
 * when `drop` says so (given whether the socket served a request before). Answers the requests it saw.
 */
async function cloud(drop: (reused: boolean, n: number) => boolean): Promise<{ url: string; seen: { path: string; reused: boolean; dropped: boolean }[] }> {
  const served = new WeakSet<Socket>();
  const seen: { path: string; reused: boolean; dropped: boolean }[] = [];
  server = createServer({ keepAliveTimeout: 30_000 }, (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const reused = served.has(req.socket);
      const path = (req.url ?? '').split('?')[0]!;
      const dropped = drop(reused, seen.length);
      seen.push({ path, reused, dropped });
      if (dropped) {
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ANSWERS[path] ?? {}));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('a dead kept-alive socket: the request is sent again once', () => {
  it('the push and the pull on a reused socket the cloud reset are sent again on a new one, and answered', async () => {
    let dropped = 0;
    const c = await cloud((reused) => reused && dropped++ < 1);
    const client = createCloudClient(c.url, 'c'.repeat(40), 2_000);
    await client.pull(undefined);
    expect(await client.push([])).toEqual({ results: [] });
    expect(c.seen).toEqual([
      { path: '/api/v1/sync/pull', reused: false, dropped: false },
      { path: '/api/v1/sync/push', reused: true, dropped: true },
      { path: '/api/v1/sync/push', reused: false, dropped: false },
    ]);
    dropped = 0;
    expect(await client.pull('c1')).toMatchObject({ cursor: 'c1' });
    expect(c.seen.slice(3).map((s) => [s.path, s.dropped])).toEqual([
      ['/api/v1/sync/pull', true],
      ['/api/v1/sync/pull', false],
    ]);
  });

  it('the directory’s reads too; but only once, and never for a reset on a new socket', async () => {
    const c = await cloud((reused, n) => (n === 1 ? reused : n >= 3));
    const directory = createKioskDirectoryClient(c.url, 'c'.repeat(40));
    await directory.today();
    expect(await directory.today()).toMatchObject({ visits: [] });
    expect(c.seen.map((s) => [s.reused, s.dropped])).toEqual([
      [false, false],
      [true, true],
      [false, false],
    ]);
    // reset on the reused socket and again on the new one: the second reset is the answer
    const failed = await directory.today().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(CloudRequestError);
    expect((failed as CloudRequestError).kind).toBe('unreachable');
    expect(c.seen.slice(3).map((s) => [s.reused, s.dropped])).toEqual([
      [true, true],
      [false, true],
    ]);
  });

  it('a reset on a new socket is not sent again: the push fails as unreachable, the cloud saw it once', async () => {
    const c = await cloud(() => true);
    const failed = await createCloudClient(c.url, 'c'.repeat(40), 2_000)
      .push([])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failed).toBeInstanceOf(CloudRequestError);
    expect((failed as CloudRequestError).kind).toBe('unreachable');
    expect(c.seen).toEqual([{ path: '/api/v1/sync/push', reused: false, dropped: true }]);
  });
});
