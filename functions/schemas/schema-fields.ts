import * as v from 'valibot';

/**
 * Maximum length of an identifier in characters. TalkPilot's ids are UUIDs or LiveKit ids of
 * a few dozen characters; the cap keeps ledger keys far below DynamoDB's 2,048-byte key limit.
 */
export const MAX_IDENTIFIER_LENGTH = 256;

/** A required identifier: a string with at least one character that is not whitespace. */
export const IdentifierSchema = v.pipe(
  v.string(),
  v.check((value) => value.trim() !== '', 'must not be empty'),
  v.maxLength(MAX_IDENTIFIER_LENGTH),
);

/** A required point in time: any string that `Date.parse` reads, such as ISO 8601. */
export const TimestampSchema = v.pipe(
  v.string(),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'must be a date and time'),
);

/** Optional text that TalkPilot may send as `null`, for example after a purge. */
export const OptionalTextSchema = v.nullish(v.string());

/** Optional number; integer or decimal, because the two doc revisions disagree. */
export const OptionalNumberSchema = v.nullish(v.number());

/** Optional flag that may be `null`. */
export const OptionalFlagSchema = v.nullish(v.boolean());

/** Optional list of strings that may be `null`. */
export const OptionalTextListSchema = v.nullish(v.array(v.string()));
