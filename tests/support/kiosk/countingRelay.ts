/**
 * A TCP relay in front of a cloud, run in a worker thread: it counts the pull requests reaching it as they arrive, in
 * memory shared with the test. Its own thread hears them even while the test's is busy — a kiosk core applying a
 * pulled page synchronously — so a test can ask, from inside that page's transaction (a trigger calling a function),
 * whether the kiosk had sent its next request before writing the page.
 */
import { Worker } from 'node:worker_threads';
import { API_PREFIX } from '../../../src/shared/sync';

/** plain JavaScript for the worker (eval'd: no transpiling in a worker) */
const RELAY = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const counts = new Int32Array(workerData.shared);
const sockets = new Set();
const server = net.createServer((client) => {
  const upstream = net.connect(workerData.port, workerData.host);
  for (const s of [client, upstream]) {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  }
  client.on('data', (chunk) => {
    const n = chunk.toString('latin1').split(workerData.pullLine).length - 1;
    if (n > 0) {
      Atomics.add(counts, 0, n);
      Atomics.notify(counts, 0);
    }
  });
  client.pipe(upstream).pipe(client);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => {
  for (const s of sockets) s.destroy();
  server.close(() => parentPort.close());
});
`;

export interface CountingRelay {
  url: string;
  /** pull requests that have reached the relay so far */
  pulls(): number;
  /** blocks this thread until at least `n` pull requests have reached the relay or `timeoutMs` passed; answers the count */
  waitForPulls(n: number, timeoutMs: number): number;
  close(): Promise<void>;
}

export async function startCountingRelay(target: string): Promise<CountingRelay> {
  const to = new URL(target);
  const shared = new SharedArrayBuffer(4);
  const counts = new Int32Array(shared);
  const worker = new Worker(RELAY, { eval: true, workerData: { shared, host: to.hostname, port: Number(to.port), pullLine: `GET ${API_PREFIX}/sync/pull` } });
  let exited = false;
  worker.once('exit', () => (exited = true));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (p: number) => resolve(p));
    // kept for the worker's life: a later error is the test's failure, not an uncaught exception
    worker.on('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pulls: () => Atomics.load(counts, 0),
    waitForPulls(n, timeoutMs) {
      const end = Date.now() + timeoutMs;
      for (let seen = Atomics.load(counts, 0); seen < n; seen = Atomics.load(counts, 0)) {
        const left = end - Date.now();
        if (left <= 0) return seen;
        Atomics.wait(counts, 0, seen, left);
      }
      return Atomics.load(counts, 0);
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      // a relay that does not close within a second is ended
      const timer = setTimeout(() => void worker.terminate(), 1_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
