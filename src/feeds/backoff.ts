export interface BackoffPolicy {
  /** The feed's normal interval (ms): the first retry waits this long. */
  baseMs: number;
  /** Upper bound of any wait (ms), before jitter. */
  maxMs: number;
  /** Fraction of the wait added or removed at random, so failing feeds do not retry in lockstep. */
  jitter: number;
}

/** When to try a failing feed again: base × 2^(failures−1), capped, with ± jitter. */
export function nextRetryDelay(consecutiveFailures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(consecutiveFailures - 1, 30));
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  const spread = delay * policy.jitter;
  return Math.max(1_000, Math.round(delay - spread + random() * 2 * spread));
}
