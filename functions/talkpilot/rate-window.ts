/** Request caps per API key; TalkPilot's defaults are 60 a minute and 1,000 an hour. */
export interface RateLimits {
  readonly perMinute: number;
  readonly perHour: number;
}

/** TalkPilot's documented default limits per API key. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 60, perHour: 1000 };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * Returns the earliest time, not before `nowMs`, at which one more request keeps both sliding
 * windows within their caps: at most `perMinute` request times in any 60 s span `(t - 60 s, t]`
 * and at most `perHour` in any hour span. `requestTimes` are epoch milliseconds, any order.
 */
export function nextAllowedTime(
  requestTimes: readonly number[],
  nowMs: number,
  limits: RateLimits,
): number {
  const sorted = [...requestTimes].sort((a, b) => a - b);
  const minuteAllowed = allowedByWindow(sorted, nowMs, MINUTE_MS, limits.perMinute);
  const hourAllowed = allowedByWindow(sorted, nowMs, HOUR_MS, limits.perHour);

  return Math.max(nowMs, minuteAllowed, hourAllowed);
}

/** Drops request times that no longer count in the hour window, keeping ascending order. */
export function pruneRequestTimes(requestTimes: readonly number[], nowMs: number): number[] {
  return requestTimes.filter((time) => time > nowMs - HOUR_MS).sort((a, b) => a - b);
}

function allowedByWindow(sorted: number[], nowMs: number, windowMs: number, cap: number): number {
  const inWindow = sorted.filter((time) => time > nowMs - windowMs);
  if (inWindow.length < cap) {
    return nowMs;
  }
  // The request that must leave the window before one more fits.
  const blocking = inWindow[inWindow.length - cap] ?? nowMs;

  return blocking + windowMs;
}
