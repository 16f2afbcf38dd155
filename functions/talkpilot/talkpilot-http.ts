import { mapErrorResponse } from './error-envelope';
import { paceFromRateHeaders } from './rate-limit-headers';
import type { RateLimiterPort } from './rate-limiter';
import { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF } from './retry-backoff';
import {
  type NetworkFailure,
  TalkPilotDeadlineError,
  type TalkPilotError,
  TalkPilotNetworkError,
  TalkPilotRateLimitedError,
  TalkPilotResponseInvalidError,
  TalkPilotServerError,
  TalkPilotTimeoutError,
} from './talkpilot-errors';
import type { TimePort } from './time-port';

/** Options of `createTalkPilotHttp`. */
export interface TalkPilotHttpOptions {
  /** Base URL ending in `/v1`, for example `https://api.talkpilot.io/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly rateLimiter: RateLimiterPort;
  readonly fetch?: typeof fetch;
  readonly time: TimePort;
  /** Timeout of one attempt, body included, in milliseconds; default 10,000. */
  readonly timeoutMs?: number;
  /** Retries after a network error, timeout or 5xx; default 3. */
  readonly maxRetries?: number;
  /** Retries after a 429, each after the wait the API asked for; default 3. */
  readonly maxRateLimitedRetries?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

/** One API request. `path` starts with `/` and is relative to the base URL. */
export interface TalkPilotRequest {
  readonly method: 'GET' | 'PATCH';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Epoch milliseconds after which no wait or retry starts. */
  readonly deadlineMs?: number;
}

/** Requests sent and 429 responses received since the client was created. */
export interface TalkPilotUsage {
  readonly requests: number;
  readonly rateLimited: number;
}

/** Sends API requests with the key, a timeout, the rate limiter, pacing and bounded retries. */
export interface TalkPilotHttp {
  /** Returns the parsed JSON body, or `undefined` for 204. Throws a `TalkPilotError`. */
  request(request: TalkPilotRequest): Promise<unknown>;
  usage(): TalkPilotUsage;
}

/** Creates the HTTP layer of the TalkPilot client. */
export function createTalkPilotHttp(options: TalkPilotHttpOptions): TalkPilotHttp {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxRateLimitedRetries = options.maxRateLimitedRetries ?? 3;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const counters = { requests: 0, rateLimited: 0 };
  let pacedUntilMs = 0;

  async function request(call: TalkPilotRequest): Promise<unknown> {
    const operation = `${call.method} ${call.path}`;
    let failures = 0;
    let rateLimitedCount = 0;

    for (;;) {
      await waitForPace(operation, call.deadlineMs);
      await options.rateLimiter.acquire({ operation, deadlineMs: call.deadlineMs });
      try {
        return await sendOnce(call, operation);
      } catch (error) {
        if (error instanceof TalkPilotRateLimitedError) {
          rateLimitedCount += 1;
          await options.rateLimiter.pauseUntil(options.time.now() + error.retryAfterMs);
          if (rateLimitedCount > maxRateLimitedRetries) {
            throw error;
          }
          continue;
        }
        failures += 1;
        if (!isRetryable(error) || failures > maxRetries) {
          throw error;
        }
        await sleepBeforeRetry(failures, error as TalkPilotError, call.deadlineMs);
      }
    }
  }

  async function waitForPace(operation: string, deadlineMs: number | undefined): Promise<void> {
    const waitMs = pacedUntilMs - options.time.now();
    if (waitMs <= 0) {
      return;
    }
    if (deadlineMs !== undefined && pacedUntilMs > deadlineMs) {
      throw new TalkPilotDeadlineError(operation, pacedUntilMs);
    }
    await options.time.sleep(waitMs);
  }

  async function sleepBeforeRetry(
    retry: number,
    error: TalkPilotError,
    deadlineMs: number | undefined,
  ): Promise<void> {
    const delayMs = backoffDelayMs(retry, backoff, random);
    if (deadlineMs !== undefined && options.time.now() + delayMs > deadlineMs) {
      throw error;
    }
    await options.time.sleep(delayMs);
  }

  async function sendOnce(call: TalkPilotRequest, operation: string): Promise<unknown> {
    counters.requests += 1;
    const response = await fetchWithTimeout(call, operation);
    const nowMs = options.time.now();
    const pace = paceFromRateHeaders(response.headers, nowMs);
    if (pace !== undefined) {
      pacedUntilMs = Math.max(pacedUntilMs, pace);
    }
    const text = await readBody(response, operation);

    if (!response.ok) {
      if (response.status === 429) {
        counters.rateLimited += 1;
      }
      throw mapErrorResponse(
        {
          status: response.status,
          body: text,
          retryAfter: response.headers.get('retry-after'),
          operation,
        },
        nowMs,
      );
    }

    return parseJson(text, response.status, operation);
  }

  async function fetchWithTimeout(call: TalkPilotRequest, operation: string): Promise<Response> {
    const url = new URL(`${baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      'X-API-Key': options.apiKey,
      Accept: 'application/json',
    };
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }

    try {
      return await fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw wrapFetchError(error, operation);
    }
  }

  async function readBody(response: Response, operation: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw wrapFetchError(error, operation);
    }
  }

  function wrapFetchError(error: unknown, operation: string): TalkPilotError {
    // AbortSignal.timeout rejects with a DOMException, which is not always an `Error` instance.
    const name =
      typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new TalkPilotTimeoutError(operation, timeoutMs);
    }

    return new TalkPilotNetworkError(operation, describeNetworkFailure(error));
  }

  return { request, usage: () => ({ ...counters }) };
}

// Names and codes are identifiers; anything else is dropped rather than logged.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Keeps only the name and code of a fetch error (undici puts the code on `cause`). Its message is
 * dropped: undici's header check quotes the rejected header value, which may be the API key.
 */
function describeNetworkFailure(error: unknown): NetworkFailure {
  const fieldOf = (value: unknown, field: 'name' | 'code'): string | undefined => {
    const text =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : '';

    return typeof text === 'string' && IDENTIFIER.test(text) ? text : undefined;
  };
  const cause = typeof error === 'object' && error !== null ? (error as Error).cause : undefined;

  return {
    causeName: fieldOf(error, 'name'),
    causeCode: fieldOf(error, 'code') ?? fieldOf(cause, 'code'),
  };
}

function isRetryable(error: unknown): boolean {
  return (
    error instanceof TalkPilotServerError ||
    error instanceof TalkPilotNetworkError ||
    error instanceof TalkPilotTimeoutError
  );
}

function parseJson(text: string, status: number, operation: string): unknown {
  if (status === 204 || text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TalkPilotResponseInvalidError(operation, 'the body is not JSON');
  }
}
