import { MINUTE_MS } from './rate-window';

/** Remaining requests at or below which the client spreads its requests over the minute. */
export const LOW_REMAINING_THRESHOLD = 5;

/**
 * Returns the time before which the next request should not be sent, from the
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix seconds) headers, or `undefined` when
 * plenty remain or the headers are absent. With few left, the rest of the minute is shared out
 * evenly; with none left, the wait lasts until the reset, at most one minute.
 */
export function paceFromRateHeaders(headers: Headers, nowMs: number): number | undefined {
  const remaining = readInteger(headers.get('x-ratelimit-remaining'));
  if (remaining === undefined || remaining > LOW_REMAINING_THRESHOLD) {
    return undefined;
  }
  const resetMs = readResetMs(headers.get('x-ratelimit-reset'), nowMs);
  if (remaining === 0) {
    return resetMs;
  }

  return nowMs + Math.ceil((resetMs - nowMs) / (remaining + 1));
}

function readResetMs(value: string | null, nowMs: number): number {
  const seconds = readInteger(value);
  const fallback = nowMs + MINUTE_MS;
  if (seconds === undefined) {
    return fallback;
  }

  // The API documents a minute window, so a reset further out (or in the past) is not trusted.
  const resetMs = seconds * 1000;

  return resetMs <= nowMs || resetMs > fallback ? fallback : resetMs;
}

function readInteger(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) {
    return undefined;
  }

  return Number(value);
}
