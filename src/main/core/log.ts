/**
 * The core's logger: one line per entry on stderr, every text passed through redactText so an ID or
 * mobile number never lands in a log. Tests and embedders may swap the sink. The last KEPT_LOG_LINES lines written
 * are also kept in memory, already masked, for the admin screen's logs section (recentLogLines).
 */
import { redactText } from '../../shared/mask';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
const isLevel = (v: string | undefined): v is LogLevel => v !== undefined && Object.hasOwn(LEVELS, v);
const envLevel = process.env.PASSDESK_LOG_LEVEL;
let minLevel: LogLevel = isLevel(envLevel) ? envLevel : process.env.VITEST ? 'warn' : 'info';

/** Sends lines to `next`; returns the sink it replaced (a test puts it back when done). */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}
/** Writes entries of `level` and above; returns the level it replaced. */
export function setLogLevel(level: LogLevel): LogLevel {
  const previous = minLevel;
  minLevel = level;
  return previous;
}

function describeDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    // not JSON: a BigInt as its digits, an object with a cycle (or a BigInt inside) by its tag, [object Object]
    return typeof detail === 'bigint' ? ` ${detail.toString()}` : ` ${Object.prototype.toString.call(detail)}`;
  }
}

/** How many of the last lines are kept for the admin screen. */
export const KEPT_LOG_LINES = 2000;
/** a ring: `kept[next % KEPT_LOG_LINES]` is the oldest once it is full */
const kept: string[] = [];
let next = 0;

function keep(line: string): void {
  // one entry may span lines (an error's message): each kept line is one of them
  for (const part of line.split(/\r?\n/)) {
    kept[next % KEPT_LOG_LINES] = part;
    next += 1;
  }
}

/** The last `count` lines written (at most KEPT_LOG_LINES), oldest first, masked as they were written. */
export function recentLogLines(count: number): string[] {
  const n = Math.max(0, Math.min(Math.floor(count), KEPT_LOG_LINES, next));
  const out: string[] = [];
  for (let i = next - n; i < next; i++) out.push(kept[i % KEPT_LOG_LINES]!);
  return out;
}

function write(level: LogLevel, scope: string, message: string, detail?: unknown): void {
  if (LEVELS[level] < LEVELS[minLevel]) return;
  const line = redactText(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${describeDetail(detail)}`);
  keep(line);
  sink(line);
}

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(scope: string): Logger {
  return {
    debug: (m, d) => write('debug', scope, m, d),
    info: (m, d) => write('info', scope, m, d),
    warn: (m, d) => write('warn', scope, m, d),
    error: (m, d) => write('error', scope, m, d),
  };
}
