/** A benchmark the runner (bench/run.main.ts) discovers: any `bench/*.bench.ts` whose default export is a Bench. */
export interface BenchOptions {
  /** how many samples to take (each bench has its own default) */
  samples?: number;
  log: (line: string) => void;
}

export interface BenchResult {
  name: string;
  /** what one sample measures */
  metric: string;
  /** 'count': events per sample (e.g. long tasks), scored like times: under `max` */
  unit: 'ms' | 'req/s' | 'count';
  samples: number[];
  /** the bar: `stat` of the samples must stay under `max` (times) or reach `min` (rates) */
  target?: { stat: 'median' | 'p95' | 'p99' | 'max'; max: number } | { stat: 'median' | 'min'; min: number };
  /** anything else worth printing (bench-specific) */
  notes?: Record<string, string | number>;
}

export interface Bench {
  name: string;
  description: string;
  /** one result, or several when one setup measures several things (each scored on its own) */
  run(options: BenchOptions): Promise<BenchResult | BenchResult[]>;
}

export interface Stats {
  n: number;
  min: number;
  median: number;
  mean: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return { n: 0, min: NaN, median: NaN, mean: NaN, p95: NaN, p99: NaN, max: NaN };
  const rank = (p: number): number => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { n, min: s[0]!, median: rank(50), mean: s.reduce((a, b) => a + b, 0) / n, p95: rank(95), p99: rank(99), max: s[n - 1]! };
}
