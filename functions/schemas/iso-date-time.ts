// Date, `T` or space, time with optional seconds and fraction, then an optional zone.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MS_PER_MINUTE = 60_000;

/**
 * Parses an ISO 8601 date-time into epoch milliseconds, or returns `undefined` when the text is
 * not one. Accepts `T` or a space between date and time, optional seconds and fraction (cut to
 * milliseconds) and a zone of `Z`, `±HH`, `±HHMM` or `±HH:MM`. A value without a zone is read
 * as UTC, never as the host's local time.
 */
export function parseIsoDateTime(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value.trim());
  if (match === null) {
    return undefined;
  }
  const numbers = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = numbers;
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = readOffsetMinutes(match[8]);
  if (offsetMinutes === undefined || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  // A day past the month's end, such as 02-30, would roll over into the next month.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }

  return date.getTime() - offsetMinutes * MS_PER_MINUTE;
}

// Returns the zone's offset east of UTC in minutes; `Z` and a missing zone are UTC.
function readOffsetMinutes(zone: string | undefined): number | undefined {
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

  return sign * (hours * 60 + minutes);
}
