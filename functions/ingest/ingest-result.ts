/**
 * Reason the ingest handler rejected a request. The adapter maps each reason to an HTTP status
 * and a short message, so the core never deals with status codes.
 */
export const IngestRejection = {
  methodNotAllowed: 'method_not_allowed',
  routeNotFound: 'route_not_found',
  sourceIpNotAllowed: 'source_ip_not_allowed',
  secretMissing: 'secret_missing',
  secretInvalid: 'secret_invalid',
  bodyNotUtf8: 'body_not_utf8',
  bodyNotJson: 'body_not_json',
  bodyNotObject: 'body_not_object',
  eventMissing: 'event_missing',
  callIdMissing: 'call_id_missing',
  callIdInvalid: 'call_id_invalid',
  bodyTooLarge: 'body_too_large',
} as const;

export type IngestRejection = (typeof IngestRejection)[keyof typeof IngestRejection];

/** Reason the ingest handler could not queue a valid request right now. */
export const IngestFailure = {
  queueUnavailable: 'queue_unavailable',
  secretUnavailable: 'secret_unavailable',
} as const;

export type IngestFailure = (typeof IngestFailure)[keyof typeof IngestFailure];

/** Result of `ingestWebhook`. */
export type IngestResult =
  | { readonly outcome: 'accepted'; readonly event: string; readonly callId?: string }
  | { readonly outcome: 'rejected'; readonly reason: IngestRejection }
  | { readonly outcome: 'failed'; readonly reason: IngestFailure };
