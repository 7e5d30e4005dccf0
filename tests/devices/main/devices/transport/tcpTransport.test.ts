import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../../../src/main/devices/transport/tcpTransport';

describe('TcpTransport', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  async function listen(onSocket: (s: Socket) => void): Promise<number> {
    server = createServer(onSocket);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    return addr.port;
  }

  it('carries bytes both ways and reports the remote close', async () => {
    const port = await listen((s) => s.on('data', (d) => (d[0] === 0xff ? s.end() : s.write(Buffer.from([...d].reverse())))));
    const t = TcpTransport.fromAddress(`127.0.0.1:${port}`);
    expect(t.address).toBe(`127.0.0.1:${port}`);
    await t.open();
    expect(t.isOpen).toBe(true);
    const got = new Promise<Uint8Array>((resolve) => t.onData(resolve));
    await t.write(new Uint8Array([1, 2, 3]));
    expect([...(await got)]).toEqual([3, 2, 1]);
    const closed = new Promise<Error | undefined>((resolve) => t.onClose(resolve));
    await t.write(new Uint8Array([0xff]));
    expect(await closed).toBeUndefined();
    expect(t.isOpen).toBe(false);
    await expect(t.write(new Uint8Array([1]))).rejects.toThrow(/not open/);
  });

  it('fails clearly when nobody listens', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const t = new TcpTransport('127.0.0.1', port);
    await expect(t.open()).rejects.toThrow(/TCP 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('rejects bad addresses', () => {
    expect(() => new TcpTransport('h', 0)).toThrow(RangeError);
    expect(TcpTransport.fromAddress('printer.local').address).toBe('printer.local:9100');
  });
});
