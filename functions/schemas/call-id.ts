/**
 * Maximum size of a call id in UTF-8 bytes, which is 1,024 characters for an ASCII id. The
 * longest ledger key built from an id, `replay#livekit-call#<id>#<request id>`, then stays
 * below DynamoDB's partition key limit of 2,048 bytes.
 */
export const MAX_CALL_ID_LENGTH = 1024;

// With the `u` flag, a surrogate range matches only a surrogate that is not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Checks the rule every call id must meet, at ingest and in the consumer: a string that is not
 * blank after trimming, has no lone UTF-16 surrogate and is at most `MAX_CALL_ID_LENGTH` UTF-8
 * bytes long. The id is used as given, without trimming. Applies to TalkPilot's `call.id`,
 * the LiveKit `call_id` of `call_ended` and the `agent_id` of both.
 */
export function isValidCallId(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    return false;
  }
  // A UTF-16 code unit takes at least one UTF-8 byte, so a longer string is always too long.
  if (value.length > MAX_CALL_ID_LENGTH || LONE_SURROGATE.test(value)) {
    return false;
  }

  return Buffer.byteLength(value, 'utf8') <= MAX_CALL_ID_LENGTH;
}
