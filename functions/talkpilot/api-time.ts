/**
 * Formats a time for the `from`/`to` filters as UTC with a `Z` suffix and whole seconds, the
 * only form the API examples show. `round` picks the direction, so a window never shrinks.
 */
export function formatApiTime(epochMs: number, round: 'down' | 'up'): string {
  const seconds = round === 'down' ? Math.floor(epochMs / 1000) : Math.ceil(epochMs / 1000);

  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a `created_at` value into epoch milliseconds, or `undefined` when it is not a time.
 * NOTE: the docs show only UTC `Z` times; a value without a zone is read as UTC, not local time.
 */
export function parseApiTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  const withZone = HAS_ZONE.test(text) || !text.includes('T') ? text : `${text}Z`;
  const parsed = Date.parse(withZone);

  return Number.isNaN(parsed) ? undefined : parsed;
}
