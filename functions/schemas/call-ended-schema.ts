import * as v from 'valibot';
import {
  IdentifierSchema,
  OptionalNumberSchema,
  OptionalTextSchema,
  TimestampSchema,
} from './schema-fields';

/** Value of `event` in the flat call webhook of TalkPilot's newer doc revision. */
export const CALL_ENDED_EVENT = 'call_ended';

/** Value of `event` that the newer doc revision sends when a call starts, as a hint only. */
export const CALL_STARTED_EVENT = 'call_started';

/**
 * The flat `call_ended` webhook of TalkPilot's newer doc revision. It carries the LiveKit
 * `call_id` but no record `id`, and no customer name, request or summary. Only `call_id`,
 * `agent_id` and `timestamp` are required; unknown fields are kept.
 */
export const CallEndedEventSchema = v.looseObject({
  event: v.literal(CALL_ENDED_EVENT),
  call_id: IdentifierSchema,
  agent_id: IdentifierSchema,
  timestamp: TimestampSchema,
  agent_name: OptionalTextSchema,
  caller_phone: OptionalTextSchema,
  called_phone: OptionalTextSchema,
  pre_call_variables: v.nullish(v.unknown()),
  duration_seconds: OptionalNumberSchema,
  // Turns of `user` and `assistant` plus tool call entries, each an object of its own shape.
  transcript: v.nullish(v.array(v.unknown())),
  total_turns: OptionalNumberSchema,
  extracted_variables: v.nullish(v.unknown()),
  recording_url: OptionalTextSchema,
  public_log_url: OptionalTextSchema,
  disconnection_reason: OptionalTextSchema,
  max_response_gap_ms: OptionalNumberSchema,
});

/** A validated `call_ended` message, unknown fields included. */
export type CallEndedEvent = v.InferOutput<typeof CallEndedEventSchema>;
