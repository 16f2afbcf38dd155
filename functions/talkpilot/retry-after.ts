/** Wait used when a 429 has no `Retry-After` or one that cannot be read; the API samples use 60 s. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Longest wait taken from a `Retry-After` header: the API's hour window, 3,600 s. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

const DELAY_SECONDS = /^\s*(\d+)\s*$/;

/**
 * Parses a `Retry-After` header into milliseconds to wait from `nowMs`. Accepts delay-seconds
 * and HTTP dates (RFC 9110). A missing or garbled value gives `DEFAULT_RETRY_AFTER_MS`; the
 * result is clamped to `[0, MAX_RETRY_AFTER_MS]`.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number {
  if (value === null || value === undefined || value.trim() === '') {
    return DEFAULT_RETRY_AFTER_MS;
  }

  const seconds = DELAY_SECONDS.exec(value);
  if (seconds) {
    return clampWait(Number(seconds[1]) * 1000);
  }

  const dateMs = parseHttpDate(value);
  if (dateMs === undefined) {
    return DEFAULT_RETRY_AFTER_MS;
  }

  return clampWait(dateMs - nowMs);
}

// An HTTP date always names a weekday and GMT; Date.parse alone would also accept "1" or "2026".
const HTTP_DATE =
  /^\s*[A-Za-z]{3},\s+\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4}\s+\d{2}:\d{2}:\d{2}\s+GMT\s*$/;

function parseHttpDate(value: string): number | undefined {
  if (!HTTP_DATE.test(value)) {
    return undefined;
  }
  const parsed = Date.parse(value);

  return Number.isNaN(parsed) ? undefined : parsed;
}

function clampWait(ms: number): number {
  if (!Number.isFinite(ms)) {
    return DEFAULT_RETRY_AFTER_MS;
  }

  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
