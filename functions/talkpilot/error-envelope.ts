import * as v from 'valibot';
import { parseRetryAfter } from './retry-after';
import {
  TalkPilotApiError,
  type TalkPilotApiErrorContext,
  TalkPilotBadRequestError,
  TalkPilotConflictError,
  TalkPilotForbiddenError,
  TalkPilotNotFoundError,
  TalkPilotRateLimitedError,
  TalkPilotServerError,
  TalkPilotUnauthorizedError,
} from './talkpilot-errors';

/** Code used when an error response carries no readable envelope. */
export const UNKNOWN_ERROR_CODE = 'UNKNOWN';

const MAX_CODE_LENGTH = 64;
const MAX_REQUEST_ID_LENGTH = 128;

const ErrorEnvelopeSchema = v.object({
  error: v.looseObject({
    code: v.optional(v.unknown()),
    request_id: v.optional(v.unknown()),
  }),
});

/** An error response as the client received it. */
export interface ErrorResponse {
  readonly status: number;
  /** Body text; any shape, since a proxy in front of the API may respond with HTML. */
  readonly body: string;
  readonly retryAfter?: string | null;
  /** Method and path, without the query string. */
  readonly operation: string;
}

/**
 * Maps an error response to a typed error: the class follows the HTTP status, and the code and
 * request id come from the envelope `{"error":{"code","message","request_id"}}`. The envelope's
 * message is left out, because it may echo input; a garbled body still gives an error.
 */
export function mapErrorResponse(response: ErrorResponse, nowMs: number): TalkPilotApiError {
  const envelope = readEnvelope(response.body);
  const context: TalkPilotApiErrorContext = {
    status: response.status,
    code: printable(envelope?.code, MAX_CODE_LENGTH) ?? UNKNOWN_ERROR_CODE,
    requestId: printable(envelope?.request_id, MAX_REQUEST_ID_LENGTH),
    operation: response.operation,
  };

  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.retryAfter, nowMs);

    return new TalkPilotRateLimitedError({ ...context, retryAfterMs });
  }

  const ErrorClass = errorClassForStatus(response.status);

  return new ErrorClass(context);
}

function errorClassForStatus(status: number): typeof TalkPilotApiError {
  switch (status) {
    case 400:
    case 422:
      return TalkPilotBadRequestError;
    case 401:
      return TalkPilotUnauthorizedError;
    case 403:
      return TalkPilotForbiddenError;
    case 404:
      return TalkPilotNotFoundError;
    case 409:
      return TalkPilotConflictError;
    default:
      return status >= 500 ? TalkPilotServerError : TalkPilotApiError;
  }
}

function readEnvelope(body: string): { code?: unknown; request_id?: unknown } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = v.safeParse(ErrorEnvelopeSchema, parsed);

  return result.success ? result.output.error : undefined;
}

// Keeps codes and ids printable ASCII and short, so a hostile body cannot forge log lines.
function printable(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const cleaned = value.replace(/[^\x20-\x7e]/g, '').slice(0, maxLength);

  return cleaned === '' ? undefined : cleaned;
}
