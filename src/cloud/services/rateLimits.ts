/**
 * Rate limits on the anonymous routes (POST /bookings without a bearer, POST /kiosks/enrol, POST /passes/verify, the
 * sign-in codes and their use) and visitors' applications:
 * fixed-window counters in the database (table rate_limits), so several cloud processes on one database count
 * together. Each counted key is bumped by one atomic upsert (INSERT … ON CONFLICT DO UPDATE … RETURNING, SQLite ≥ 3.35
 * and PostgreSQL alike); over its limit the request is a 429 rate_limited with Retry-After. Addresses and phone
 * numbers are stored only as SHA-256 hashes. Windows that have ended are purged, at most once a minute per process.
 * A count marked `batched` (pass verify, a hot route) is written in batches instead (batchedRateCounts.ts: how exact).
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { CloudSchema } from '../db/schema';
import { HttpError } from '../errors';
import { sha256Hex } from '../../platform/secrets';
import { bumpRateLimit, purgeRateLimits } from '../repositories/rateLimits';
import { BatchedRateCounts } from './batchedRateCounts';

/** At most `max` requests per fixed window of `windowSeconds`. */
export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

export interface RateLimits {
  /** anonymous bookings from one client address (generous: visitors behind one carrier NAT share it) */
  bookingPerAddress: RateLimitRule;
  /** anonymous bookings for one visitor phone number */
  bookingPerPhone: RateLimitRule;
  /** kiosk enrolment attempts from one client address */
  enrolPerAddress: RateLimitRule;
  /** pass verifications from one client address (a guard post may verify many) */
  verifyPerAddress: RateLimitRule;
  /** one-time sign-in codes sent to one phone */
  signInCodePerPhone: RateLimitRule;
  /** one-time sign-in codes asked for from one client address */
  signInCodePerAddress: RateLimitRule;
  /** codes tried (signing in, finding a pass) from one client address */
  signInPerAddress: RateLimitRule;
  /** host directory searches (the apply form's host picker, one per pause in typing) from one client address */
  hostDirectoryPerAddress: RateLimitRule;
  /** companion links made by one signed-in visitor (a link made and revoked again and again is a row each time) */
  companionLinkPerVisitor: RateLimitRule;
}

/** Defaults a busy site does not reach by honest use; tests pass small ones to buildCloudApp. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = {
  bookingPerAddress: { max: 60, windowSeconds: 600 },
  bookingPerPhone: { max: 20, windowSeconds: 3600 },
  enrolPerAddress: { max: 10, windowSeconds: 600 },
  verifyPerAddress: { max: 600, windowSeconds: 60 },
  signInCodePerPhone: { max: 5, windowSeconds: 3600 },
  signInCodePerAddress: { max: 30, windowSeconds: 600 },
  signInPerAddress: { max: 30, windowSeconds: 600 },
  hostDirectoryPerAddress: { max: 120, windowSeconds: 600 },
  companionLinkPerVisitor: { max: 30, windowSeconds: 3600 },
};

/** One thing counted: a bucket (route and kind, e.g. booking:addr), the value (address or phone), its rule. */
export interface RateLimitCount {
  bucket: string;
  value: string;
  rule: RateLimitRule;
  /** counted in this process and written in batches (batchedRateCounts.ts) rather than by one write per request */
  batched?: boolean;
}

const PURGE_EVERY_MS = 60_000;

/**
 * The address a client is counted under: an IPv4 address as it is (an IPv4-mapped IPv6 address as its IPv4), an
 * IPv6 address by its /64 — one subscriber's network, where every device picks addresses at will.
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class RateLimiter {
  private lastPurgeMs = Number.NEGATIVE_INFINITY;
  private readonly batched: BatchedRateCounts;

  constructor(
    private readonly db: Kysely<CloudSchema>,
    readonly limits: Readonly<RateLimits>,
    private readonly now: () => Date,
    onFlushError?: (err: unknown) => void,
  ) {
    this.batched = new BatchedRateCounts(db, onFlushError);
  }

  /** Writes the batched counts not yet written and stops their timer (the app's close). */
  close(): Promise<void> {
    return this.batched.close();
  }

  /**
   * Counts this request against every given key; when any is over its limit, sets Retry-After (seconds until the
   * last exceeded window ends) and throws 429 rate_limited. Every request counts, refused ones too.
   */
  async enforce(reply: FastifyReply, counts: readonly RateLimitCount[]): Promise<void> {
    const nowMs = this.now().getTime();
    let retryAfterSeconds = 0;
    for (const c of counts) {
      const windowMs = c.rule.windowSeconds * 1000;
      const startMs = Math.floor(nowMs / windowMs) * windowMs;
      const key = `${c.bucket}:${sha256Hex(c.bucket.endsWith(':addr') ? clientAddressKey(c.value) : c.value)}`;
      const [windowStart, expiresAt] = [new Date(startMs).toISOString(), new Date(startMs + windowMs).toISOString()];
      const hits =
        c.batched === true
          ? await this.batched.hit(key, windowStart, expiresAt, c.rule.max, new Date(nowMs).toISOString())
          : await bumpRateLimit(this.db, key, windowStart, expiresAt);
      if (hits > c.rule.max) retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((startMs + windowMs - nowMs) / 1000));
    }
    await this.purgeIfDue(nowMs);
    if (retryAfterSeconds > 0) {
      void reply.header('retry-after', String(retryAfterSeconds));
      throw new HttpError(429, 'rate_limited', `too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }

  private async purgeIfDue(nowMs: number): Promise<void> {
    if (nowMs - this.lastPurgeMs < PURGE_EVERY_MS) return;
    this.lastPurgeMs = nowMs;
    await purgeRateLimits(this.db, new Date(nowMs).toISOString());
  }
}

/** The limits in force: the defaults, with any given rule replacing its default. */
export function rateLimitsWith(over: Partial<RateLimits> | undefined): RateLimits {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...over };
  for (const [name, rule] of Object.entries(limits) as [string, RateLimitRule][]) {
    if (!Number.isInteger(rule.max) || rule.max < 0 || !Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) {
      throw new RangeError(`rate limit ${name}: max must be an integer >= 0 and windowSeconds an integer >= 1`);
    }
  }
  return limits;
}
