import { IngestRejection } from './ingest-result';

/** The fields the queue and consumer route on. */
export type RoutingFields =
  | { readonly ok: true; readonly event: string; readonly callId?: string }
  | { readonly ok: false; readonly reason: IngestRejection; readonly event?: string };

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

/**
 * Reads `event` and the call id from a webhook payload and checks only what routing needs.
 * `event` must be a non-empty string. Events named `call_...` (the flat format, such as
 * `call_started` and `call_ended`) need a non-empty top-level `call_id`. Other events starting
 * with `call` (such as `call.completed`) need a non-empty `call.id`. Any other event passes.
 */
export function readRoutingFields(payload: Record<string, unknown>): RoutingFields {
  const event = nonEmptyString(payload.event);
  if (event === undefined) {
    return { ok: false, reason: IngestRejection.eventMissing };
  }
  if (!event.startsWith('call')) {
    return { ok: true, event };
  }

  const callId = event.startsWith('call_')
    ? nonEmptyString(payload.call_id)
    : readNestedCallId(payload);
  if (callId === undefined) {
    return { ok: false, reason: IngestRejection.callIdMissing, event };
  }

  return { ok: true, event, callId };
}
