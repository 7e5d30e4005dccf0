/**
 * Benchmark runner: `npm run bench [-- <name filter>] [--samples N]`.
 * Runs every `bench/*.bench.ts` (default export: a Bench), prints a table and one JSON line per bench, and exits
 * non-zero when a bench misses its target.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stats, type Bench, type BenchResult, type Stats } from './types';

function isBench(x: unknown): x is Bench {
  return typeof x === 'object' && x !== null && typeof (x as Bench).name === 'string' && typeof (x as Bench).run === 'function';
}

async function loadBenches(dir: string): Promise<Bench[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const out: Bench[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: unknown };
    if (isBench(mod.default)) out.push(mod.default);
    else process.stderr.write(`skipping ${f}: no default-exported Bench\n`);
  }
  return out;
}

/** A result with its stats and whether it met its target (no target: it passes). */
interface Scored {
  r: BenchResult;
  s: Stats;
  pass: boolean;
}

function score(r: BenchResult): Scored {
  const s = stats(r.samples);
  const t = r.target;
  return { r, s, pass: !t ? true : 'max' in t ? s[t.stat] < t.max : s[t.stat] >= t.min };
}

const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '-');

function printTable(results: Scored[]): void {
  const rows = results.map(({ r, s, pass }) => [
    r.name,
    String(s.n),
    fmt(s.min),
    fmt(s.median),
    fmt(s.mean),
    fmt(s.p95),
    fmt(s.p99),
    fmt(s.max),
    !r.target ? '-' : 'max' in r.target ? `${r.target.stat} < ${r.target.max} ${r.unit}` : `${r.target.stat} ≥ ${r.target.min} ${r.unit}`,
    pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['bench', 'n', 'min', 'median', 'mean', 'p95', 'p99', 'max', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

async function main(argv: string[]): Promise<number> {
  let filter: string | undefined;
  let samples: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--samples') samples = Number(argv[++i]);
    else if (a.startsWith('--samples=')) samples = Number(a.slice(10));
    else if (!a.startsWith('--')) filter = a;
  }
  if (samples !== undefined && !(Number.isInteger(samples) && samples > 0)) {
    process.stderr.write('--samples must be a positive integer\n');
    return 2;
  }
  const dir = dirname(fileURLToPath(import.meta.url));
  const benches = (await loadBenches(dir)).filter((b) => !filter || b.name.includes(filter));
  if (!benches.length) {
    process.stderr.write(`no benchmarks${filter ? ` matching "${filter}"` : ''}\n`);
    return 2;
  }
  const results: Scored[] = [];
  for (const b of benches) {
    process.stderr.write(`running ${b.name}: ${b.description}\n`);
    const out = await b.run({ ...(samples ? { samples } : {}), log: (l) => process.stderr.write(`${l}\n`) });
    for (const r of Array.isArray(out) ? out : [out]) results.push(score(r));
  }
  printTable(results);
  let failed = 0;
  for (const { r, s, pass } of results) {
    if (!pass) failed++;
    process.stdout.write(
      `${JSON.stringify({
        bench: r.name,
        metric: r.metric,
        unit: r.unit,
        n: s.n,
        min: round(s.min),
        median: round(s.median),
        mean: round(s.mean),
        p95: round(s.p95),
        p99: round(s.p99),
        max: round(s.max),
        target: r.target ?? null,
        pass,
        ...(r.notes ? { notes: r.notes } : {}),
      })}\n`,
    );
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
