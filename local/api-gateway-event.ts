import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** One HTTP request as the local server read it, before conversion. */
export interface LocalHttpRequest {
  readonly method: string;
  /** Request target as sent: path plus optional `?query`. */
  readonly url: string;
  /** Header names and values in arrival order, as in Node's `IncomingMessage.rawHeaders`. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** Address of the peer socket. */
  readonly sourceIp: string;
  /** For example `HTTP/1.1`. */
  readonly protocol: string;
}

/** Facts that API Gateway adds to a request: the matched route, a request id and the time. */
export interface RequestContextOptions {
  /** Route key of the matched route, such as `ANY /webhooks/talkpilot`. */
  readonly routeKey: string;
  readonly requestId: string;
  readonly receivedAt: Date;
}

// NOTE: API Gateway HTTP APIs deliver these media types as UTF-8 text and every other body,
// including one without a Content-Type, base64-encoded. The list follows observed behaviour
// of HTTP APIs; AWS does not document it in one place.
const TEXT_MEDIA_TYPE = /^(text\/.*|application\/([\w.+-]+\+)?(json|xml|javascript))$/;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MONTHS = 'Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec'.split(',');

/**
 * Converts a request into the event that an API Gateway HTTP API (payload format 2.0) passes
 * to a Lambda integration. Repeated headers and query parameters are joined with commas, and
 * cookies move from the `cookie` header to `cookies`.
 */
export function toApiGatewayEvent(
  request: LocalHttpRequest,
  context: RequestContextOptions,
): APIGatewayProxyEventV2 {
  const { rawPath, rawQueryString } = splitTarget(request.url);
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  const host = headers.host ?? '127.0.0.1';

  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...queryParameters(rawQueryString),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: formatRequestTime(context.receivedAt),
      timeEpoch: context.receivedAt.getTime(),
    },
    ...encodeBody(request.body, headers['content-type']),
  };
}

/** Returns whether API Gateway passes a body of this Content-Type as text, not base64. */
export function isTextContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';

  return TEXT_MEDIA_TYPE.test(mediaType);
}

function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) {
    return { rawPath: url, rawQueryString: '' };
  }

  return { rawPath: url.slice(0, queryStart), rawQueryString: url.slice(queryStart + 1) };
}

function collectHeaders(rawHeaders: readonly string[]) {
  const headers = new Map<string, string>();
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    const value = rawHeaders[index + 1] as string;
    if (name === 'cookie') {
      cookies.push(...splitCookies(value));
    } else {
      appendJoined(headers, name, value);
    }
  }

  // fromEntries defines own properties, so names such as `__proto__` stay plain keys.
  return { headers: Object.fromEntries(headers) as Record<string, string>, cookies };
}

function splitCookies(value: string): string[] {
  return value
    .split(';')
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');
}

function queryParameters(rawQueryString: string) {
  const parameters = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    appendJoined(parameters, name, value);
  }

  return parameters.size > 0 ? { queryStringParameters: Object.fromEntries(parameters) } : {};
}

function appendJoined(values: Map<string, string>, name: string, value: string): void {
  const previous = values.get(name);
  values.set(name, previous === undefined ? value : `${previous},${value}`);
}

function encodeBody(body: Buffer, contentType: string | undefined) {
  if (body.length === 0) {
    return { isBase64Encoded: false };
  }
  const text = isTextContentType(contentType) ? decodeUtf8(body) : undefined;
  if (text !== undefined) {
    return { body: text, isBase64Encoded: false };
  }

  return { body: body.toString('base64'), isBase64Encoded: true };
}

// NOTE: for a text type whose bytes are not valid UTF-8, the local server passes base64 so
// that nothing is replaced silently and ingest can reject the body as not UTF-8. API Gateway
// may instead replace such bytes with U+FFFD; ingest rejects that case by its charset.
function decodeUtf8(body: Buffer): string | undefined {
  try {
    return utf8Decoder.decode(body);
  } catch {
    return undefined;
  }
}

/** Formats a time the way API Gateway writes `requestContext.time`: `22/Mar/2026:10:30:00 +0000`. */
function formatRequestTime(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${pad(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}`;
  const clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;

  return `${date}:${clock} +0000`;
}
