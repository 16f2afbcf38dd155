/** Base of every failure of a TalkPilot API call. Messages never contain the API key. */
export class TalkPilotError extends Error {
  override readonly name: string = 'TalkPilotError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Context of an error response from the API. */
export interface TalkPilotApiErrorContext {
  readonly status: number;
  /** `error.code` of the envelope, or `UNKNOWN` when the body had no envelope. */
  readonly code: string;
  /** `error.request_id` of the envelope, when the API sent one. */
  readonly requestId?: string;
  /** Method and path of the request, without the query string. */
  readonly operation: string;
}

/** The API responded with an error status. The error keeps the status, the code and the request id. */
export class TalkPilotApiError extends TalkPilotError {
  override readonly name: string = 'TalkPilotApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly operation: string;

  constructor(context: TalkPilotApiErrorContext, options?: { cause?: unknown }) {
    const requestPart = context.requestId ? `, request id ${context.requestId}` : '';
    super(
      `TalkPilot API ${context.operation} failed with HTTP ${context.status} ${context.code}${requestPart}`,
      options,
    );
    this.status = context.status;
    this.code = context.code;
    this.requestId = context.requestId;
    this.operation = context.operation;
  }
}

/** 400: the request was invalid (`VALIDATION_ERROR` or `BAD_REQUEST`). */
export class TalkPilotBadRequestError extends TalkPilotApiError {
  override readonly name = 'TalkPilotBadRequestError';
}

/** 401: the API key is missing, invalid, inactive or expired. Check the configured key. */
export class TalkPilotUnauthorizedError extends TalkPilotApiError {
  override readonly name = 'TalkPilotUnauthorizedError';
}

/** 403: the API key lacks a permission; the API's message names it. */
export class TalkPilotForbiddenError extends TalkPilotApiError {
  override readonly name = 'TalkPilotForbiddenError';
}

/** 404: the resource is missing or not visible to this key. */
export class TalkPilotNotFoundError extends TalkPilotApiError {
  override readonly name = 'TalkPilotNotFoundError';
}

/** 409: the request conflicts with an existing resource. */
export class TalkPilotConflictError extends TalkPilotApiError {
  override readonly name = 'TalkPilotConflictError';
}

/** 429: the key's rate limit was hit; `retryAfterMs` is how long the API asked to wait. */
export class TalkPilotRateLimitedError extends TalkPilotApiError {
  override readonly name = 'TalkPilotRateLimitedError';
  readonly retryAfterMs: number;

  constructor(
    context: TalkPilotApiErrorContext & { retryAfterMs: number },
    options?: { cause?: unknown },
  ) {
    super(context, options);
    this.retryAfterMs = context.retryAfterMs;
  }
}

/** 5xx: the API failed on its side; retried a bounded number of times. */
export class TalkPilotServerError extends TalkPilotApiError {
  override readonly name = 'TalkPilotServerError';
}

/** The request got no response within the timeout. */
export class TalkPilotTimeoutError extends TalkPilotError {
  override readonly name = 'TalkPilotTimeoutError';

  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`TalkPilot API ${operation} timed out after ${timeoutMs} ms`);
  }
}

/** Name and code of a network library's error, without its message. */
export interface NetworkFailure {
  /** Error class name, for example `TypeError`. */
  readonly causeName?: string;
  /** System or library code, for example `ECONNREFUSED` or `UND_ERR_SOCKET`. */
  readonly causeCode?: string;
}

/**
 * The request failed before a response arrived (DNS, connection refused or reset). The original
 * error is not kept as `cause`: fetch quotes header values, the API key among them, in some of
 * its messages, and a logged cause would carry the key into the log.
 */
export class TalkPilotNetworkError extends TalkPilotError {
  override readonly name = 'TalkPilotNetworkError';
  readonly causeName?: string;
  readonly causeCode?: string;

  constructor(
    readonly operation: string,
    failure: NetworkFailure = {},
  ) {
    const detail = [failure.causeName, failure.causeCode].filter(Boolean).join(' ');
    super(
      `TalkPilot API ${operation} failed before a response arrived${detail ? ` (${detail})` : ''}`,
    );
    this.causeName = failure.causeName;
    this.causeCode = failure.causeCode;
  }
}

/** A success response whose body is not the JSON shape the docs describe. */
export class TalkPilotResponseInvalidError extends TalkPilotError {
  override readonly name = 'TalkPilotResponseInvalidError';

  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`TalkPilot API ${operation} returned an invalid body: ${reason}`);
  }
}

/**
 * The next request would have to wait past the caller's deadline (rate limit or Retry-After).
 * The caller stops and resumes in a later run.
 */
export class TalkPilotDeadlineError extends TalkPilotError {
  override readonly name = 'TalkPilotDeadlineError';

  constructor(
    readonly operation: string,
    readonly waitUntilMs: number,
  ) {
    super(
      `TalkPilot API ${operation} was not sent because the next allowed time ${new Date(waitUntilMs).toISOString()} is past the run's deadline`,
    );
  }
}
