/**
 * A TCP fault proxy for the drills (issue 12 item 3): between a kiosk and its cloud, it passes what the kiosk sends
 * through untouched or, at the given rate, faults it in one of four ways, in random order but each in every four faults:
 * - drop: from there on what the kiosk sends is swallowed, and the connection is closed a while later unanswered;
 * - delay: this and every later chunk either way waits 50–400 ms before it goes on;
 * - truncate: the request reaches the cloud, but only part of the answer reaches the kiosk before both ends close;
 * - reset: part of the request reaches the cloud, then the kiosk's connection is reset (RST).
 * The choice is made for each chunk the kiosk sends (a request, or part of one), not once per connection: the kiosk
 * keeps its connections alive, so a per-connection choice would meet one connection in a whole drill. Raw TCP
 * (node:net), so partial writes, hang-ups and resets are exactly what a kiosk meets on a bad network.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export const FAULTS = ['drop', 'delay', 'truncate', 'reset'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  url: string;
  /** the share of chunks faulted (0 heals the network for chunks and connections from then on) */
  faultRate: number;
  /** closed connections: how many ended without a fault, and how many with at least one */
  readonly connections: { clean: number; faulted: number };
  /** faults made, by kind */
  readonly faults: Record<Fault, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, options: { faultRate: number; random: () => number }): Promise<FaultProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const { random } = options;
  const track = (s: Socket): Socket => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => undefined); // resets and hang-ups are the point here
    return s;
  };
  const proxy: FaultProxy = {
    url: '',
    faultRate: options.faultRate,
    connections: { clean: 0, faulted: 0 },
    faults: { drop: 0, delay: 0, truncate: 0, reset: 0 },
    close: () => Promise.resolve(),
  };

  // the kinds come from a shuffled bag of all four, refilled when empty: the order is random, but every four faults
  // hold one of each (an independent draw per fault once made no reset in a whole drill, and the drill failed)
  let bag: Fault[] = [];
  const nextKind = (): Fault => {
    if (bag.length === 0) {
      bag = [...FAULTS];
      for (let i = bag.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [bag[i], bag[j]] = [bag[j]!, bag[i]!];
      }
    }
    return bag.pop()!;
  };

  const server = createServer((client) => {
    track(client);
    const upstream = track(connect({ host: to.hostname, port: Number(to.port) }));
    let faulted = false;
    let dropped = false;
    let delayed = false;
    /** bytes of the answer still let through, once a truncate fault chose a point */
    let budget: number | undefined;
    // delayed chunks keep their order: each waits for the one before it
    let clientQueue = Promise.resolve();
    let upstreamQueue = Promise.resolve();
    const write = (socket: Socket, chunk: Buffer): void => {
      if (socket.writable) socket.write(chunk);
    };
    const send = (socket: Socket, chunk: Buffer, queue: Promise<void>): Promise<void> => {
      if (!delayed) {
        write(socket, chunk);
        return queue;
      }
      const wait = 50 + random() * 350;
      return queue.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              write(socket, chunk);
              resolve();
            }, wait),
          ),
      );
    };
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', () => {
      upstream.destroy();
      if (faulted) proxy.connections.faulted++;
      else proxy.connections.clean++;
    });
    upstream.once('close', () => client.destroy());

    client.on('data', (chunk: Buffer) => {
      if (dropped) return;
      const fault = random() < proxy.faultRate ? nextKind() : undefined;
      if (fault) {
        faulted = true;
        proxy.faults[fault]++;
      }
      if (fault === 'drop') {
        dropped = true;
        setTimeout(closeBoth, 200 + random() * 600);
        return;
      }
      if (fault === 'reset') {
        upstream.write(chunk.subarray(0, Math.floor(random() * chunk.length)));
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      if (fault === 'truncate') budget ??= Math.floor(random() * 300);
      if (fault === 'delay') delayed = true;
      upstreamQueue = send(upstream, chunk, upstreamQueue);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (budget === undefined) {
        clientQueue = send(client, chunk, clientQueue);
        return;
      }
      if (budget > 0) client.write(chunk.subarray(0, budget));
      budget -= chunk.length;
      if (budget <= 0) closeBoth();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
