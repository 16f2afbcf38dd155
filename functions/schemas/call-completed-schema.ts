import * as v from 'valibot';
import {
  IdentifierSchema,
  OptionalFlagSchema,
  OptionalNumberSchema,
  OptionalTextSchema,
  TimestampSchema,
} from './schema-fields';

/** Value of `event` in the documented post-call webhook and in reconciled calls. */
export const CALL_COMPLETED_EVENT = 'call.completed';

/**
 * A TalkPilot call as the post-call webhook and the Calls API detail view send it. Only `id`,
 * `agent_id` and `created_at` are required. Every other documented field may be missing or
 * `null`, and fields the docs do not list are kept in the output.
 */
export const CallSchema = v.looseObject({
  id: IdentifierSchema,
  agent_id: IdentifierSchema,
  created_at: TimestampSchema,
  call_id: OptionalTextSchema,
  customer_name: OptionalTextSchema,
  customer_request: OptionalTextSchema,
  phone_number: OptionalTextSchema,
  duration: OptionalNumberSchema,
  done: OptionalFlagSchema,
  general_success: OptionalFlagSchema,
  disconnection_reason: OptionalTextSchema,
  call_summary: OptionalTextSchema,
  // A JSON string in both doc revisions; the array form is accepted in case a sender decodes it.
  transcript: v.nullish(v.union([v.string(), v.array(v.unknown())])),
  employee: OptionalTextSchema,
  // The fields below come only with calls read from the Calls API (source `reconcile`).
  note: OptionalTextSchema,
  is_purged: OptionalFlagSchema,
  deleted_at: OptionalTextSchema,
  updated_at: OptionalTextSchema,
  audio_file_url: OptionalTextSchema,
  final_score: OptionalNumberSchema,
});

/** A validated TalkPilot call, unknown fields included. */
export type Call = v.InferOutput<typeof CallSchema>;

/** The `call.completed` message: `{event, call}`, from the webhook or from the reconciler. */
export const CallCompletedEventSchema = v.looseObject({
  event: v.literal(CALL_COMPLETED_EVENT),
  call: CallSchema,
});

/** A validated `call.completed` message, unknown fields included. */
export type CallCompletedEvent = v.InferOutput<typeof CallCompletedEventSchema>;
