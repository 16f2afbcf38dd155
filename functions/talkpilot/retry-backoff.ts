/** Settings of the retry with exponential backoff and full jitter. */
export interface BackoffOptions {
  /** Delay cap of the first retry, in milliseconds. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/** Backoff for network errors, timeouts and 5xx responses: 0.5 s doubling up to 10 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Returns the delay before retry number `retry` (1 for the first retry): a random value in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1))]`, so clients that failed together spread out.
 * `random` returns a number in `[0, 1)`, like `Math.random`.
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));

  return Math.floor(cap * random());
}
