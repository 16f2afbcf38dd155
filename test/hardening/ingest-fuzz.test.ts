import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { createIngestHandler } from '../../functions/ingest/create-ingest-handler';
import { WEBHOOK_PATH, WEBHOOK_SECRET_HEADER } from '../../functions/ingest/ingest-request';
import type { QueueMessage } from '../../functions/queue/queue-message';
import { createStaticWebhookSecretSource } from '../../functions/secrets/static-webhook-secret-source';
import { discardedMetrics } from '../../local/local-handlers';
import { findLeaks } from '../support/log-capture-scan';
import {
  buildCallBody,
  HARDENING_PREVIOUS_SECRET,
  HARDENING_SECRET,
} from './support/hardening-payloads';
import { createQuietLogger } from './support/quiet-logger';

const RUNS = 10_000;

const method = fc.oneof(
  fc.constantFrom('POST', 'post', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
  fc.string({ maxLength: 12 }),
);
const path = fc.oneof(
  fc.constant(WEBHOOK_PATH),
  fc.constantFrom(`${WEBHOOK_PATH}/`, '/', '/prod/webhooks/talkpilot', '/webhooks/TalkPilot'),
  fc.string({ maxLength: 40 }).map((text) => `/${text}`),
);
const secret = fc.oneof(
  fc.constantFrom(HARDENING_SECRET, HARDENING_PREVIOUS_SECRET, '', `${HARDENING_SECRET} `),
  fc.string({ maxLength: 64 }),
  fc.constant(undefined),
);
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  fc.string({ maxLength: 40 }),
);
const jsonBody = fc.oneof(
  fc.uuid().map((id) => buildCallBody(id)),
  fc.json({ maxDepth: 3 }),
  fc
    .record({
      event: fc.oneof(fc.string(), fc.constantFrom('call.completed', 'call_ended', 'call_started')),
      call: fc.option(fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) })),
      call_id: fc.option(fc.string()),
    })
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200, unit: 'binary' }),
);
const encodedBody = fc.oneof(
  jsonBody.map((text) => ({ body: text, isBase64Encoded: false })),
  jsonBody.map((text) => ({ body: Buffer.from(text).toString('base64'), isBase64Encoded: true })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  })),
  fc.string({ maxLength: 50 }).map((text) => ({ body: text, isBase64Encoded: true })),
  fc.constant({ body: undefined, isBase64Encoded: false }),
  fc.constant({ body: 'x'.repeat(5000), isBase64Encoded: false }),
);
const extraHeaders = fc.dictionary(
  fc.oneof(fc.constantFrom('Content-Encoding', 'X-Forwarded-For', 'content-length'), fc.string()),
  fc.string({ maxLength: 30 }),
  { maxKeys: 4 },
);

const request = fc.record({
  method,
  path,
  secret,
  secretInHeader: fc.boolean(),
  contentType,
  payload: encodedBody,
  extraHeaders,
  sourceIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 })),
});

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toEvent(input: FuzzRequest): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = { ...input.extraHeaders };
  headers['content-type'] = input.contentType;
  if (input.secret !== undefined && input.secretInHeader) {
    headers[WEBHOOK_SECRET_HEADER] = input.secret;
  }
  const query =
    input.secret !== undefined && !input.secretInHeader ? { secret: input.secret } : undefined;

  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: '',
    headers,
    queryStringParameters: query,
    body: input.payload.body,
    isBase64Encoded: input.payload.isBase64Encoded,
    requestContext: {
      accountId: '123456789012',
      apiId: 'fuzz',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: 'fuzz',
      },
      requestId: 'fuzz-request',
      routeKey: '$default',
      stage: '$default',
      time: '22/Mar/2026:10:30:00 +0000',
      timeEpoch: 1_774_175_400_000,
    },
  };
}

describe('ingest handler under generated requests', () => {
  const sent: QueueMessage[] = [];
  const logger = createQuietLogger();
  const handler = createIngestHandler({
    queue: {
      sendMessages: async (messages) => {
        sent.push(...messages);

        return { failedIndexes: [] };
      },
    },
    secrets: createStaticWebhookSecretSource({
      current: HARDENING_SECRET,
      previous: HARDENING_PREVIOUS_SECRET,
    }),
    logger,
    metrics: discardedMetrics,
    maxMessageBytes: 4096,
  });
  const statuses = new Map<number, number>();

  describe('10,000 requests with any body, encoding, header, secret and method', () => {
    it('answers each with 200 or a 4xx that gives a reason, never 5xx or a throw', async () => {
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          const response = await handler(toEvent(input));

          const status = response.statusCode ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
          const body = JSON.parse(response.body ?? '{}') as { error?: unknown };
          if (status !== 200) {
            expect(typeof body.error).toBe('string');
            expect(String(body.error).length).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS, seed: 6 },
      );

      expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(RUNS);
    });

    it('reaches acceptance and several rejections, so the inputs are not all rejected alike', () => {
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
      expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThan(3);
    });

    it('writes no error line and no secret or personal value to the log', () => {
      const leaks = logger.lines.flatMap((line) => findLeaks(line.json));

      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
      expect(leaks).toEqual([]);
    });
  });
});
