import { parseApiTime } from '../../functions/talkpilot/api-time';
import { CliUsageError } from '../cli-errors';
import { listOption, type OptionValues, stringOption } from '../command';
import type { ReceivedRange } from './find-stored-calls';

/** The calls a replay selects: given ids, or the calls received within a range. */
export type ReplaySelection =
  | { readonly callIds: readonly string[] }
  | { readonly range: ReceivedRange };

/** End of the range that a time option sets. */
type RangeEnd = 'from' | 'to';

/** Milliseconds added to a `--to` time without a fraction, so its whole second is included. */
const REST_OF_SECOND_MS = 999;
// Added to a `--to` date without a time, so the range covers that whole UTC day.
const REST_OF_DAY_MS = 24 * 60 * 60 * 1000 - 1;

/** Reads `--call-id`, or `--from` and `--to`, and rejects other combinations. */
export function readReplaySelection(values: OptionValues): ReplaySelection {
  const callIds = listOption(values, 'call-id');
  const from = stringOption(values, 'from');
  const to = stringOption(values, 'to');
  const hasRange = from !== undefined || to !== undefined;
  if (callIds.length > 0 && hasRange) {
    throw new CliUsageError('Pass either --call-id or --from/--to, not both.');
  }
  if (callIds.length > 0) {
    return { callIds };
  }
  if (from === undefined || to === undefined) {
    throw new CliUsageError('Pass --call-id ID, or both --from and --to. See tp replay --help.');
  }
  const range = { from: parseReplayTime('from', from), to: parseReplayTime('to', to) };
  if (range.from > range.to) {
    throw new CliUsageError(`--from ${range.from} is after --to ${range.to}.`);
  }

  return { range };
}

/**
 * Parses an ISO 8601 date or date-time for `--from` or `--to` and returns it as ISO 8601 UTC
 * with milliseconds, the form of the ledger's `received_at`. A time without a zone is UTC, never
 * the machine's local time. A date alone starts at 00:00 UTC for `--from` and covers the whole
 * UTC day for `--to`. A `--to` time without a fraction covers its whole second, so
 * `--to 2026-03-22T23:59:59Z` includes 23:59:59.500.
 */
export function parseReplayTime(end: RangeEnd, text: string): string {
  const epochMs = parseApiTime(text);
  if (epochMs === undefined) {
    throw new CliUsageError(
      `--${end} must be an ISO 8601 time such as 2026-03-22T10:00:00Z, or a date such as ` +
        '2026-03-22 (the whole UTC day for --to); a time without a zone is read as UTC.',
    );
  }
  if (end === 'from') {
    return new Date(epochMs).toISOString();
  }
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const hasFraction = /\d[.,]\d/.test(text);
  if (isDateOnly) {
    return new Date(epochMs + REST_OF_DAY_MS).toISOString();
  }
  const restMs = hasFraction ? 0 : REST_OF_SECOND_MS;

  return new Date(epochMs + restMs).toISOString();
}
