import * as v from 'valibot';
import { isValidCallId, MAX_CALL_ID_LENGTH } from './call-id';

/**
 * A required identifier (`call.id`, `call_id`, `agent_id`): a string that meets `isValidCallId`,
 * the rule ingest applies too. It is not blank, has no lone surrogate and is at most
 * `MAX_CALL_ID_LENGTH` UTF-8 bytes long.
 */
export const IdentifierSchema = v.pipe(
  v.string(),
  v.check(
    (value) => isValidCallId(value),
    `must be a non-blank id of at most ${MAX_CALL_ID_LENGTH} UTF-8 bytes without lone surrogates`,
  ),
);

/**
 * A required point in time, such as `created_at`: any string that is not blank. The value is
 * kept as sent and never parsed for validation, because a real call with an unusual time format
 * must not be quarantined. Code that needs the time parses it with `parseApiTime` and
 * handles `undefined`.
 */
export const TimestampSchema = v.pipe(
  v.string(),
  v.check((value) => value.trim() !== '', 'must not be blank'),
);

/** Optional text that TalkPilot may send as `null`, for example after a purge. */
export const OptionalTextSchema = v.nullish(v.string());

/** Optional number; integer or decimal, because the two doc revisions disagree. */
export const OptionalNumberSchema = v.nullish(v.number());

/** Optional flag that may be `null`. */
export const OptionalFlagSchema = v.nullish(v.boolean());

/** Optional list of strings that may be `null`. */
export const OptionalTextListSchema = v.nullish(v.array(v.string()));
