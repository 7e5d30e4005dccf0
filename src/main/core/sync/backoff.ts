/** Retry delays while the cloud is unreachable: exponential from 1 s, capped at 60 s, with "equal jitter". */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/**
 * The delay before retry number `failures` (1 = after the first failure): half of the exponential step
 * fixed, half random, so many kiosks coming back after an outage do not all knock at once.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
