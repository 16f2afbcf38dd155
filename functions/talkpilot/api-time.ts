/**
 * Formats a time for the `from`/`to` filters as UTC with a `Z` suffix and whole seconds, the
 * only form the API examples show. `round` picks the direction, so a window never shrinks.
 */
export function formatApiTime(epochMs: number, round: 'down' | 'up'): string {
  const seconds = round === 'down' ? Math.floor(epochMs / 1000) : Math.ceil(epochMs / 1000);

  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

// Date, optional time (`T` or a space between), optional fraction, optional zone.
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a `created_at` value into epoch milliseconds, or `undefined` when it is not an ISO 8601
 * date-time. Accepts `T` or a space between date and time, and a zone as `Z`, `+00`, `+0100` or
 * `+01:00`. NOTE: the docs show only UTC `Z` times, so a value without a zone is read as UTC,
 * never as the local time of the machine.
 */
export function parseApiTime(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = ISO_TIME.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMs = parseOffsetMs(match[8]);
  const utcMs = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  const check = new Date(utcMs);
  const valid =
    offsetMs !== undefined &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === (month ?? 1) - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;

  return valid ? utcMs + millis - offsetMs : undefined;
}

/** Returns the offset east of UTC in milliseconds, 0 without a zone, `undefined` when invalid. */
function parseOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') {
    return 0;
  }
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  const sign = zone.startsWith('-') ? -1 : 1;

  return sign * (hours * 60 + minutes) * 60_000;
}
