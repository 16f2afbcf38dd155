import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Options of `buildWebhookEvent`. */
export interface WebhookEventOptions {
  readonly method?: string;
  readonly rawPath?: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Record<string, string>;
  readonly secret?: string;
  readonly sourceIp?: string;
  readonly stage?: string;
}

/** Builds an HTTP API 2.0 event for a webhook POST with a random request id. */
export function buildWebhookEvent(options: WebhookEventOptions = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const rawPath = options.rawPath ?? '/webhooks/talkpilot';
  const query = options.secret === undefined ? undefined : { secret: options.secret };

  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: query === undefined ? '' : `secret=${encodeURIComponent(query.secret)}`,
    headers: options.headers ?? { 'content-type': 'application/json' },
    queryStringParameters: query,
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '203.0.113.10',
        userAgent: 'test',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: options.stage ?? '$default',
      time: '22/Mar/2026:10:30:00 +0000',
      timeEpoch: 1_774_175_400_000,
    },
  };
}
