import { isValidCallId } from '../schemas/call-id';
import { IngestRejection } from './ingest-result';

/** The fields the queue and consumer route on. */
export type RoutingFields =
  | { readonly ok: true; readonly event: string; readonly callId?: string }
  | { readonly ok: false; readonly reason: IngestRejection; readonly event?: string };

/** Place of the required call id, for each event that must carry one. */
const CALL_ID_PLACES: Readonly<Record<string, 'nested' | 'top-level'>> = {
  'call.completed': 'nested',
  call_ended: 'top-level',
  call_started: 'top-level',
};

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readNestedCallId(payload: Record<string, unknown>): string | undefined {
  const call = payload.call;
  if (typeof call !== 'object' || call === null) {
    return undefined;
  }

  return nonEmptyString((call as Record<string, unknown>).id);
}

function readAnyCallId(payload: Record<string, unknown>): string | undefined {
  return [readNestedCallId(payload), nonEmptyString(payload.call_id)].find(
    (callId) => callId !== undefined && isValidCallId(callId),
  );
}

function readRequiredCallId(
  payload: Record<string, unknown>,
  event: string,
  place: 'nested' | 'top-level',
): RoutingFields {
  const callId = place === 'nested' ? readNestedCallId(payload) : nonEmptyString(payload.call_id);
  if (callId === undefined) {
    return { ok: false, reason: IngestRejection.callIdMissing, event };
  }
  if (!isValidCallId(callId)) {
    return { ok: false, reason: IngestRejection.callIdInvalid, event };
  }

  return { ok: true, event, callId };
}

/**
 * Reads `event` and the call id from a webhook payload and checks only what routing needs.
 * `event` must be a non-empty string. `call.completed` needs `call.id`, and `call_ended` and
 * `call_started` a top-level `call_id`, that meets `isValidCallId`. Any other event passes,
 * with the first valid `call.id` or `call_id` it contains.
 */
export function readRoutingFields(payload: Record<string, unknown>): RoutingFields {
  const event = nonEmptyString(payload.event);
  if (event === undefined) {
    return { ok: false, reason: IngestRejection.eventMissing };
  }
  const place = Object.hasOwn(CALL_ID_PLACES, event) ? CALL_ID_PLACES[event] : undefined;
  if (place !== undefined) {
    return readRequiredCallId(payload, event, place);
  }
  const callId = readAnyCallId(payload);

  return callId === undefined ? { ok: true, event } : { ok: true, event, callId };
}
