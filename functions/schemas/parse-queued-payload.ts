import * as v from 'valibot';
import {
  CALL_COMPLETED_EVENT,
  type CallCompletedEvent,
  CallCompletedEventSchema,
} from './call-completed-schema';
import {
  CALL_ENDED_EVENT,
  CALL_STARTED_EVENT,
  type CallEndedEvent,
  CallEndedEventSchema,
} from './call-ended-schema';
import {
  EMPLOYEE_EVENT_PREFIX,
  type EmployeeEvent,
  EmployeeEventSchema,
} from './employee-event-schema';
import { exceedsDepth } from './payload-depth';

/** Why a message can never be processed; retrying it would give the same result. */
export const RejectionReason = {
  invalidJson: 'invalid_json',
  notAnObject: 'not_an_object',
  /** Arrays and objects nest deeper than `MAX_PAYLOAD_DEPTH`. */
  payloadTooDeep: 'payload_too_deep',
  missingEvent: 'missing_event',
  invalidCall: 'invalid_call',
  invalidEmployeeEvent: 'invalid_employee_event',
  unsupportedEvent: 'unsupported_event',
  /** Parsing, validating or hashing the payload threw; the outcome line carries the error. */
  unprocessablePayload: 'unprocessable_payload',
} as const;

export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

/** A queued payload sorted into what the consumer does with it. */
export type ParsedPayload =
  | { readonly kind: 'call_completed'; readonly payload: CallCompletedEvent }
  | { readonly kind: 'call_ended'; readonly payload: CallEndedEvent }
  | { readonly kind: 'employee'; readonly payload: EmployeeEvent }
  /** A known event that needs no action, such as the `call_started` hint. */
  | { readonly kind: 'ignored'; readonly event: string }
  | {
      readonly kind: 'rejected';
      readonly reason: RejectionReason;
      readonly event?: string;
      /** Dot path of the first invalid field, such as `call.id`; never a value. */
      readonly invalidPath?: string;
      /** The caught error of an `unprocessable_payload` rejection. */
      readonly error?: unknown;
    };

/**
 * Parses a queued message body and validates it with the schema its `event` selects. Never
 * throws on any input it was tested with: a payload that cannot be processed comes back as
 * `rejected` with a reason. A valid payload is returned as `JSON.parse` built it, not as
 * valibot's copy, so keys such as `__proto__` that the copy drops still reach the hook.
 */
export function parseQueuedPayload(body: string): ParsedPayload {
  let value: unknown;
  try {
    value = JSON.parse(stripByteOrderMark(body));
  } catch {
    return { kind: 'rejected', reason: RejectionReason.invalidJson };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'rejected', reason: RejectionReason.notAnObject };
  }
  if (exceedsDepth(value)) {
    return { kind: 'rejected', reason: RejectionReason.payloadTooDeep };
  }

  const event = (value as { event?: unknown }).event;
  if (typeof event !== 'string' || event === '') {
    return { kind: 'rejected', reason: RejectionReason.missingEvent };
  }

  return validateEvent(event, value);
}

function validateEvent(event: string, value: object): ParsedPayload {
  if (event === CALL_COMPLETED_EVENT) {
    return validate(
      CallCompletedEventSchema,
      value,
      event,
      RejectionReason.invalidCall,
      (payload) => ({
        kind: 'call_completed',
        payload,
      }),
    );
  }
  if (event === CALL_ENDED_EVENT) {
    return validate(CallEndedEventSchema, value, event, RejectionReason.invalidCall, (payload) => ({
      kind: 'call_ended',
      payload,
    }));
  }
  if (event === CALL_STARTED_EVENT) {
    return { kind: 'ignored', event };
  }
  if (event.startsWith(EMPLOYEE_EVENT_PREFIX)) {
    return validate(
      EmployeeEventSchema,
      value,
      event,
      RejectionReason.invalidEmployeeEvent,
      (payload) => ({ kind: 'employee', payload }),
    );
  }

  return { kind: 'rejected', reason: RejectionReason.unsupportedEvent, event };
}

function validate<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: object,
  event: string,
  reason: RejectionReason,
  accept: (payload: v.InferOutput<TSchema>) => ParsedPayload,
): ParsedPayload {
  const result = v.safeParse(schema, value);
  if (result.success) {
    // The schemas check and never transform, so the parsed JSON has the output's shape.
    return accept(value as v.InferOutput<TSchema>);
  }

  const firstIssue = result.issues[0];
  const invalidPath = firstIssue ? (v.getDotPath(firstIssue) ?? undefined) : undefined;

  return { kind: 'rejected', reason, event, invalidPath };
}

function stripByteOrderMark(body: string): string {
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}
