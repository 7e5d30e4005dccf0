/**
 * `npm run cloud -- --workers N` (issue 12): N cloud processes on one PostgreSQL database behind one port, through
 * node:cluster. The primary process prepares the database once (migrations, the key-encryption key, the cloud's
 * signing key), fixes the admin token for all, forks the workers, starts a crashed worker again with backoff and, on
 * SIGTERM or SIGINT, stops every worker gracefully (each finishes its requests and closes) before it exits. The
 * workers hold nothing another needs (rate-limit counters, one-time codes, sessions and change notifications are in
 * the database), so N independent processes behind any load balancer work the same way; the sweep job runs in the
 * first worker only (and takes turns by an advisory lock anyway).
 */
import cluster, { type Worker } from 'node:cluster';

/** The environment variable telling a worker its slot (0…N-1); only slot 0 runs the sweep job. */
export const WORKER_SLOT_ENV = 'PASSDESK_WORKER_SLOT';
export const MAX_WORKERS = 64;
/** a worker that crashed is started again after 250 ms, doubling with each crash in a row, at most 30 s */
export const RESTART_MIN_MS = 250;
export const RESTART_MAX_MS = 30_000;
/** a worker that ran this long before it crashed had not crashed "in a row" */
const STABLE_MS = 30_000;
/** how long a graceful stop may take before the workers are killed */
const STOP_TIMEOUT_MS = 20_000;

/** Reads `--workers N` / `--workers=N` out of the arguments: the count (undefined when absent) and the rest. */
export function parseWorkersArg(args: readonly string[]): { workers: number | undefined; rest: string[] } {
  const rest: string[] = [];
  let raw: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--workers') raw = args[++i] ?? '';
    else if (a.startsWith('--workers=')) raw = a.slice('--workers='.length);
    else rest.push(a);
  }
  if (raw === undefined) return { workers: undefined, rest };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new Error(`--workers must be 1..${MAX_WORKERS} (got ${JSON.stringify(raw)})`);
  return { workers: n, rest };
}

/** Several workers need PostgreSQL: SQLite has one writer, one process. Throws saying so. */
export function checkWorkersDatabase(workers: number, databaseUrl: string | undefined): void {
  if (workers > 1 && !databaseUrl) throw new Error('--workers above 1 needs PostgreSQL (DATABASE_URL): SQLite has one writer, one process');
}

export interface PrimaryOptions {
  workers: number;
  /** the environment every worker gets besides its slot (e.g. the admin token fixed for all) */
  env: NodeJS.ProcessEnv;
  /** sweep interval of slot 0 (the others: 0, never) */
  sweepSeconds: number;
  log: (line: string) => void;
}

/** Runs the primary: forks, watches and restarts the workers; resolves with the exit code once they all stopped. */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  const slots = new Map<Worker, { slot: number; startedAt: number }>();
  const crashes = new Array<number>(opts.workers).fill(0);
  const restarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let announced = false;
  let listening = 0;

  // the kernel hands each connection to a worker that accepts it: with node's round-robin the primary hands it over,
  // and a connection handed to a worker as it dies is lost (the client waits forever)
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const fork = (slot: number) => {
    const worker = cluster.fork({ ...opts.env, [WORKER_SLOT_ENV]: String(slot), PASSDESK_SWEEP_INTERVAL_SECONDS: String(slot === 0 ? opts.sweepSeconds : 0) });
    slots.set(worker, { slot, startedAt: Date.now() });
  };

  cluster.on('listening', (_worker, address) => {
    if (announced || ++listening < opts.workers) return;
    announced = true;
    const host = ['', '0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
    opts.log(`Passdesk cloud: ${opts.workers} worker(s) listening on http://${host}:${address.port}`);
  });

  return new Promise((resolve) => {
    cluster.on('exit', (worker) => {
      const info = slots.get(worker);
      slots.delete(worker);
      if (info === undefined) return;
      if (stopping) {
        if (slots.size === 0) resolve(0);
        return;
      }
      crashes[info.slot] = Date.now() - info.startedAt >= STABLE_MS ? 1 : (crashes[info.slot] ?? 0) + 1;
      const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** ((crashes[info.slot] ?? 1) - 1));
      opts.log(
        `Passdesk cloud: worker ${info.slot} (pid ${worker.process.pid}) exited (${worker.process.signalCode ?? worker.process.exitCode ?? '?'}); starting it again in ${delay} ms`,
      );
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!stopping) fork(info.slot);
      }, delay);
      restarts.add(timer);
    });

    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      opts.log(`${signal}: stopping ${slots.size} worker(s)`);
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      if (slots.size === 0) resolve(0);
      for (const worker of slots.keys()) worker.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of slots.keys()) worker.process.kill('SIGKILL');
        resolve(1);
      }, STOP_TIMEOUT_MS).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));

    for (let slot = 0; slot < opts.workers; slot++) fork(slot);
  });
}
