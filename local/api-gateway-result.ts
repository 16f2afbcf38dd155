import type { OutgoingHttpHeaders } from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** An HTTP response ready to write to a Node `ServerResponse`. */
export interface LocalHttpResponse {
  readonly statusCode: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Converts a Lambda result into the HTTP response that an HTTP API (payload format 2.0)
 * returns. A structured result with `statusCode` is used as is, and any other value becomes a
 * 200 JSON response, as API Gateway infers it.
 */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2<unknown>): LocalHttpResponse {
  if (typeof result === 'string') {
    return jsonResponse(200, result);
  }
  if (!isStructuredResult(result)) {
    return jsonResponse(200, JSON.stringify(result) ?? '');
  }

  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  if (result.cookies !== undefined && result.cookies.length > 0) {
    headers['set-cookie'] = result.cookies;
  }
  const encoding = result.isBase64Encoded === true ? 'base64' : 'utf8';

  return {
    statusCode: result.statusCode,
    headers,
    body: Buffer.from(result.body ?? '', encoding),
  };
}

/** Builds the JSON response that API Gateway itself sends, such as `{"message":"Not Found"}`. */
export function gatewayErrorResponse(statusCode: number, message: string): LocalHttpResponse {
  return jsonResponse(statusCode, JSON.stringify({ message }));
}

function isStructuredResult(
  result: unknown,
): result is { statusCode: number } & Exclude<APIGatewayProxyResultV2, string> {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { statusCode?: unknown }).statusCode === 'number'
  );
}

function jsonResponse(statusCode: number, body: string): LocalHttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(body, 'utf8'),
  };
}
