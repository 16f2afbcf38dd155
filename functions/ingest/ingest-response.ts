import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IngestFailure, IngestRejection, type IngestResult } from './ingest-result';

interface ErrorResponse {
  readonly statusCode: number;
  readonly message: string;
}

const REJECTION_RESPONSES: Readonly<Record<IngestRejection, ErrorResponse>> = {
  [IngestRejection.methodNotAllowed]: { statusCode: 405, message: 'method not allowed' },
  [IngestRejection.routeNotFound]: { statusCode: 404, message: 'not found' },
  [IngestRejection.sourceIpNotAllowed]: { statusCode: 403, message: 'source ip not allowed' },
  [IngestRejection.secretMissing]: { statusCode: 401, message: 'missing secret' },
  [IngestRejection.secretInvalid]: { statusCode: 401, message: 'invalid secret' },
  [IngestRejection.bodyNotUtf8]: { statusCode: 400, message: 'body is not valid utf-8' },
  [IngestRejection.bodyNotJson]: { statusCode: 400, message: 'body is not json' },
  [IngestRejection.bodyNotObject]: { statusCode: 400, message: 'body is not a json object' },
  [IngestRejection.eventMissing]: { statusCode: 400, message: 'missing event' },
  [IngestRejection.callIdMissing]: { statusCode: 400, message: 'missing call id' },
  [IngestRejection.callIdInvalid]: {
    statusCode: 400,
    message: 'invalid call id: must be non-blank and at most 1024 utf-8 bytes',
  },
  [IngestRejection.bodyTooLarge]: { statusCode: 413, message: 'body too large' },
};

const FAILURE_RESPONSES: Readonly<Record<IngestFailure, ErrorResponse>> = {
  [IngestFailure.queueUnavailable]: { statusCode: 503, message: 'queue unavailable' },
  [IngestFailure.secretUnavailable]: { statusCode: 503, message: 'secret unavailable' },
};

function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Builds the error response for an unexpected error: a generic 500 without details. */
export function internalErrorResponse(): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(500, { error: 'internal error' });
}

/** Maps an ingest result to the HTTP response: the only place that picks status codes. */
export function toIngestResponse(result: IngestResult): APIGatewayProxyStructuredResultV2 {
  if (result.outcome === 'accepted') {
    return jsonResponse(200, { received: true });
  }
  const response =
    result.outcome === 'rejected'
      ? REJECTION_RESPONSES[result.reason]
      : FAILURE_RESPONSES[result.reason];
  const headers: Record<string, string> =
    result.outcome === 'rejected' && result.reason === IngestRejection.methodNotAllowed
      ? { allow: 'POST' }
      : {};

  return jsonResponse(response.statusCode, { error: response.message }, headers);
}
