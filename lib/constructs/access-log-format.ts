/**
 * Fields of the API access log, one JSON object per request. Each value is a `$context`
 * variable of HTTP APIs. The shared secret travels in the query string, so no field may carry
 * the query: `$context.path` is the request path without it, and `$context.routeKey` is the
 * matched route (`POST /webhooks/talkpilot`). Headers are not logged either, because the
 * secret may also come in `X-Webhook-Secret`.
 */
export const AccessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
} as const;

/** The access log format: `AccessLogFields` as one JSON line. */
export const accessLogFormat = JSON.stringify(AccessLogFields);
