/**
 * How the kiosk's cloud client names a failed request: only a whole 4xx answer is "refused" (the sync engine keeps
 * a refused command as rejected, for staff); an answer cut off on the way — even after a 200 status line — is
 * "unreachable" and tried again. Found by the faulty network drill: a push whose 200 answer was truncated kept a
 * confirmed check-in out of the cloud as rejected.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudRequestError, createCloudClient } from '../../../../../src/main/core/sync/cloudClient';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** a cloud that answers every request with `answer` */
async function cloudAnswering(answer: (res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function pushError(url: string): Promise<CloudRequestError> {
  const error = await createCloudClient(url, 'c'.repeat(40), 2_000)
    .push([])
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(CloudRequestError);
  return error as CloudRequestError;
}

describe('the cloud client: refused only by a whole 4xx answer', () => {
  it('a 200 answer cut off mid-body is unreachable (retried), not refused', async () => {
    const url = await cloudAnswering((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 400 });
      res.write('{"results":[{"id":"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await pushError(url);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/cut off/);
  });

  it('a 4xx with the cloud’s error body is refused, with its code', async () => {
    const url = await cloudAnswering((res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'validation_failed', message: 'commands: too many' }));
    });
    const error = await pushError(url);
    expect(error).toMatchObject({ kind: 'refused', status: 400, code: 'validation_failed' });
  });

  it('a 503 and a 429 are unreachable', async () => {
    for (const status of [503, 429]) {
      const url = await cloudAnswering((res) => {
        res.writeHead(status);
        res.end();
      });
      expect((await pushError(url)).kind).toBe('unreachable');
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
  });

  it('a whole 200 answer of the wrong shape is invalid', async () => {
    const url = await cloudAnswering((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"results":"nope"}');
    });
    expect((await pushError(url)).kind).toBe('invalid');
  });
});
