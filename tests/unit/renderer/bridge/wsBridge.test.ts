import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { WS_PATH, WsClientMessage, type IpcCallError } from '../../../../src/shared/ipc';
import type { ConnectionState } from '../../../../src/renderer/bridge/connectionState';
import type { SocketFactory } from '../../../../src/renderer/bridge/socket';
import { backoffDelay, createWsBridge, type WsBridge } from '../../../../src/renderer/bridge/wsBridge';
import { syncState } from '../../../support/renderer/fixtures';

const SECRET = 'test-secret-0123456789abcdef';

/** A text frame's text, whichever shape `ws` hands it in. */
const textOf = (data: WebSocket.RawData): string =>
  (Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');

/** The bridge's socket made of the `ws` package (Node 20 has no global WebSocket). */
const wsSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data, isBinary) => handlers.onMessage(isBinary ? data : textOf(data)));
  socket.on('close', (code) => handlers.onClose(code));
  socket.on('error', () => handlers.onError());
  return {
    send: (text) => socket.readyState === WebSocket.OPEN && socket.send(text),
    close: (code) => socket.close(code),
  };
};

type CallFrame = Extract<WsClientMessage, { type: 'call' }>;

/** A small real WebSocket server speaking the host's framing; each test scripts its answers. */
class FakeHost {
  readonly server: WebSocketServer;
  readonly hellos: string[] = [];
  readonly calls: CallFrame[] = [];
  readonly clients = new Set<WebSocket>();
  onCall: (socket: WebSocket, call: CallFrame) => void = () => undefined;
  answerHello = true;

  constructor() {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: WS_PATH });
    this.server.on('connection', (socket) => {
      this.clients.add(socket);
      socket.on('close', () => this.clients.delete(socket));
      socket.on('message', (data) => {
        const message = WsClientMessage.parse(JSON.parse(textOf(data)));
        if (message.type === 'hello') {
          this.hellos.push(message.secret);
          if (message.secret !== SECRET) socket.close(4401);
          else if (this.answerHello) socket.send(JSON.stringify({ type: 'ready' }));
          return;
        }
        this.calls.push(message);
        this.onCall(socket, message);
      });
    });
  }

  async listening(): Promise<string> {
    await new Promise<void>((resolve) => this.server.once('listening', () => resolve()));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}${WS_PATH}`;
  }

  broadcast(frame: unknown): void {
    for (const client of this.clients) client.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  dropClients(): void {
    for (const client of this.clients) client.terminate();
  }

  close(): Promise<void> {
    this.dropClients();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const waitFor = async (check: () => boolean, timeoutMs = 3000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const open: { host?: FakeHost; bridge?: WsBridge } = {};
afterEach(async () => {
  open.bridge?.close();
  await open.host?.close();
  open.bridge = undefined;
  open.host = undefined;
});

async function connect(options: { secret?: string; callTimeoutMs?: number } = {}) {
  const host = new FakeHost();
  open.host = host;
  const url = await host.listening();
  const problems: string[] = [];
  const states: ConnectionState[] = [];
  const bridge = createWsBridge({
    url,
    secret: options.secret ?? SECRET,
    socketFactory: wsSocketFactory,
    callTimeoutMs: options.callTimeoutMs ?? 2000,
    backoff: { initialMs: 20, maxMs: 100 },
    onProtocolError: (p) => problems.push(p),
  });
  open.bridge = bridge;
  bridge.connection.subscribe((s) => states.push(s));
  return { host, bridge, problems, states };
}

const rejectionOf = async (promise: Promise<unknown>): Promise<IpcCallError> => {
  try {
    await promise;
  } catch (error) {
    return error as IpcCallError;
  }
  throw new Error('expected a rejection');
};

describe('wsBridge', () => {
  it('says hello with the secret, becomes connected and resolves validated outputs', async () => {
    const { host, bridge } = await connect();
    host.onCall = (socket, call) => socket.send(JSON.stringify({ type: 'result', id: call.id, ok: true, output: syncState({ pendingCommands: 4 }) }));
    await waitFor(() => bridge.connection.current().status === 'connected');
    expect(host.hellos).toEqual([SECRET]);
    const sync = await bridge.call('sync.status', {});
    expect(sync.pendingCommands).toBe(4);
    expect(host.calls).toEqual([{ type: 'call', id: expect.any(Number), name: 'sync.status', input: {} }]);
  });

  it('holds calls made before ready and sends them once connected', async () => {
    const { host, bridge } = await connect();
    host.onCall = (socket, call) => socket.send(JSON.stringify({ type: 'result', id: call.id, ok: true, output: { devices: [] } }));
    const devices = await bridge.call('devices.list', {});
    expect(devices).toEqual({ devices: [] });
  });

  it('rejects an output that does not match the contract with ipc_bad_response', async () => {
    const { host, bridge, problems } = await connect();
    host.onCall = (socket, call) => socket.send(JSON.stringify({ type: 'result', id: call.id, ok: true, output: { online: 'yes' } }));
    const error = await rejectionOf(bridge.call('sync.status', {}));
    expect(error.code).toBe('ipc_bad_response');
    expect(problems.some((p) => p.includes('sync.status'))).toBe(true);
  });

  it('passes the core error code through', async () => {
    const { host, bridge } = await connect();
    host.onCall = (socket, call) =>
      socket.send(JSON.stringify({ type: 'result', id: call.id, ok: false, error: { code: 'too_early', message: 'window opens 09:00' } }));
    const error = await rejectionOf(bridge.call('checkin.confirm', { bookingId: 'bk_1' }));
    expect(error.name).toBe('IpcCallError');
    expect(error.code).toBe('too_early');
    expect(error.message).toBe('window opens 09:00');
  });

  it('checks inputs before sending them', async () => {
    const { host, bridge } = await connect();
    await waitFor(() => bridge.connection.current().status === 'connected');
    const error = await rejectionOf(bridge.call('bookings.find', { query: '   ' }));
    expect(error.code).toBe('bad_input');
    expect(host.calls).toEqual([]);
  });

  it('delivers valid events and drops invalid frames and payloads', async () => {
    const { host, bridge, problems } = await connect();
    const received: unknown[] = [];
    bridge.on('sync.state', (s) => received.push(s));
    await waitFor(() => bridge.connection.current().status === 'connected');
    host.broadcast('not json');
    host.broadcast({ type: 'surprise' });
    host.broadcast({ type: 'event', name: 'sync.state', payload: { online: true } });
    host.broadcast({ type: 'event', name: 'no.such.event', payload: {} });
    host.broadcast({ type: 'result', id: 999, ok: true, output: {} });
    host.broadcast({ type: 'event', name: 'sync.state', payload: syncState({ conflicts: 2 }) });
    await waitFor(() => received.length === 1);
    expect(received).toEqual([syncState({ conflicts: 2 })]);
    expect(problems).toHaveLength(5);
  });

  it('stops delivering to a listener after unsubscribe', async () => {
    const { host, bridge } = await connect();
    const received: unknown[] = [];
    const off = bridge.on('bookings.changed', (e) => received.push(e));
    await waitFor(() => bridge.connection.current().status === 'connected');
    host.broadcast({ type: 'event', name: 'bookings.changed', payload: { count: 1 } });
    await waitFor(() => received.length === 1);
    off();
    host.broadcast({ type: 'event', name: 'bookings.changed', payload: { count: 2 } });
    host.broadcast({ type: 'event', name: 'bookings.changed', payload: { count: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ count: 1 }]);
  });

  it('fails calls in flight when the connection drops, shows reconnecting, then reconnects', async () => {
    const { host, bridge, states } = await connect();
    await waitFor(() => bridge.connection.current().status === 'connected');
    host.onCall = () => host.dropClients();
    const error = await rejectionOf(bridge.call('sync.now', {}));
    expect(error.code).toBe('ipc_disconnected');
    await waitFor(() => states.some((s) => s.status === 'reconnecting'));
    await waitFor(() => bridge.connection.current().status === 'connected');
    expect(host.hellos).toEqual([SECRET, SECRET]);

    host.onCall = (socket, call) => socket.send(JSON.stringify({ type: 'result', id: call.id, ok: true, output: syncState() }));
    await expect(bridge.call('sync.now', {})).resolves.toEqual(syncState());
  });

  it('keeps retrying with a wrong secret and never becomes connected; waiting calls fail as unavailable', async () => {
    const { host, bridge } = await connect({ secret: 'wrong-secret-0123456789', callTimeoutMs: 300 });
    const error = await rejectionOf(bridge.call('app.info', {}));
    expect(error.code).toBe('ipc_unavailable');
    expect(host.hellos.length).toBeGreaterThanOrEqual(2);
    expect(bridge.connection.current().status).toBe('reconnecting');
    expect(host.calls).toEqual([]);
  });

  it('times out a call the host never answers', async () => {
    const { bridge } = await connect({ callTimeoutMs: 200 });
    await waitFor(() => bridge.connection.current().status === 'connected');
    const error = await rejectionOf(bridge.call('visits.today', {}));
    expect(error.code).toBe('ipc_timeout');
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap, with at most 25 % jitter', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 300, 2000, none))).toEqual([300, 600, 1200, 2000, 2000, 2000]);
    expect(backoffDelay(1, 300, 2000, () => 0.999)).toBeLessThanOrEqual(375);
  });
});
