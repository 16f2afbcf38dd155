import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { IngestMetric } from '../../functions/observability/metric-names';
import { SqsQueue } from '../../functions/queue/sqs-queue';
import { WebhookSecretUnavailableError } from '../../functions/secrets/webhook-secret-source';
import { localClientConfig } from '../../local/resources';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createIngestHarness, RECEIVED_AT, readFixture } from './support/ingest-harness';
import { buildWebhookEvent, type WebhookEventOptions } from './support/webhook-event';

async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return typeof address === 'object' && address !== null ? address.port : 1;
}

function parseBody(body: string | undefined): unknown {
  return JSON.parse(body ?? 'null');
}

describe('createIngestHandler', () => {
  let aws: LocalAws;
  const secret = `secret-${randomUUID()}`;
  const previousSecret = `previous-${randomUUID()}`;
  const callBody = '{"event":"call.completed","call":{"id":"c-1"}}';

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function createHarness(overrides?: Parameters<typeof createIngestHarness>[0]['overrides']) {
    const { queueUrl } = await aws.createQueues();

    return createIngestHarness({ sqs: aws.sqs, queueUrl, secret, previousSecret, overrides });
  }

  describe('accepted webhook', () => {
    it('queues the call.completed body unchanged with its attributes', async () => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');
      const event = buildWebhookEvent({ body, secret });

      const response = await harness.handler(event);

      expect(response.statusCode).toBe(200);
      expect(parseBody(response.body)).toEqual({ received: true });
      const [message, ...others] = await harness.receive();
      expect(others).toHaveLength(0);
      expect(message?.Body).toBe(body);
      const attributes = message?.MessageAttributes ?? {};
      expect(attributes.source?.StringValue).toBe('webhook');
      expect(attributes.received_at?.StringValue).toBe(RECEIVED_AT.toISOString());
      expect(attributes.request_id?.StringValue).toBe(event.requestContext.requestId);
      expect(attributes.event?.StringValue).toBe('call.completed');
      expect(attributes.call_id?.StringValue).toBe('call-uuid');
      expect(harness.metrics.count(IngestMetric.rejected)).toBe(0);
    });

    it('queues the employee event without a call id attribute', async () => {
      const harness = await createHarness();
      const body = readFixture('employee-forwarding-created.json');

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
      expect(message?.MessageAttributes?.event?.StringValue).toBe('employee.forwarding_created');
      expect(message?.MessageAttributes?.call_id).toBeUndefined();
    });

    it('queues an unknown event type unchanged', async () => {
      const harness = await createHarness();
      const body = '{ "event": "agent.renamed", "agent": {"id": "a-1"}, "extra": [1, 2.50] }';

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
      expect(message?.MessageAttributes?.event?.StringValue).toBe('agent.renamed');
    });

    it('queues a flat call_ended event with its top-level call id', async () => {
      const harness = await createHarness();
      const body = JSON.stringify({ event: 'call_ended', call_id: 'lk_call_abc123' });

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.MessageAttributes?.call_id?.StringValue).toBe('lk_call_abc123');
    });

    it('decodes a base64 body and queues its text', async () => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');
      const encoded = Buffer.from(body, 'utf8').toString('base64');

      const response = await harness.handler(
        buildWebhookEvent({ body: encoded, isBase64Encoded: true, secret }),
      );

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
    });

    it.each([
      ['plain', false],
      ['base64', true],
    ])('strips a leading byte-order mark from a %s body', async (_name, isBase64Encoded) => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');
      const withMark = `\uFEFF${body}`;
      const sent = isBase64Encoded ? Buffer.from(withMark, 'utf8').toString('base64') : withMark;

      const response = await harness.handler(
        buildWebhookEvent({ body: sent, isBase64Encoded, secret }),
      );

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
    });

    it.each([
      ['header in lower case', { 'x-webhook-secret': secret }],
      ['header in mixed case', { 'X-Webhook-Secret': secret }],
      ['header in upper case', { 'X-WEBHOOK-SECRET': secret }],
    ])('accepts the secret in a %s', async (_name, headers) => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');

      const response = await harness.handler(buildWebhookEvent({ body, headers }));

      expect(response.statusCode).toBe(200);
    });

    it('accepts the previous secret during a rotation', async () => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');

      const response = await harness.handler(buildWebhookEvent({ body, secret: previousSecret }));

      expect(response.statusCode).toBe(200);
    });

    it.each([
      ['text/plain', { 'content-type': 'text/plain' }],
      ['no content type', {}],
      ['a charset parameter', { 'Content-Type': 'Application/JSON; charset=UTF-8' }],
    ])('accepts a JSON object sent with %s', async (_name, headers) => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');

      const response = await harness.handler(buildWebhookEvent({ body, secret, headers }));

      expect(response.statusCode).toBe(200);
      const accepted = harness.log.lines.find((line) => line.message === 'webhook accepted');
      expect(accepted?.fields).toHaveProperty('content_type');
    });

    it('accepts a path with a named stage prefix', async () => {
      const harness = await createHarness();
      const body = readFixture('call-completed.json');
      const event = buildWebhookEvent({ body, secret, rawPath: '/prod/webhooks/talkpilot/' });
      event.requestContext.stage = 'prod';

      const response = await harness.handler(event);

      expect(response.statusCode).toBe(200);
    });
  });

  describe('rejected request', () => {
    const cases: [string, WebhookEventOptions, number, string, string][] = [
      [
        'body that is not JSON',
        { body: '{"event":', secret },
        400,
        'body is not json',
        'body_not_json',
      ],
      ['empty body', { body: undefined, secret }, 400, 'body is not json', 'body_not_json'],
      ['JSON array', { body: '[1]', secret }, 400, 'body is not a json object', 'body_not_object'],
      ['JSON string', { body: '"x"', secret }, 400, 'body is not a json object', 'body_not_object'],
      [
        'missing event',
        { body: '{"call":{"id":"c"}}', secret },
        400,
        'missing event',
        'event_missing',
      ],
      ['numeric event', { body: '{"event":1}', secret }, 400, 'missing event', 'event_missing'],
      [
        'call event without call.id',
        { body: '{"event":"call.completed","call":{}}', secret },
        400,
        'missing call id',
        'call_id_missing',
      ],
      [
        'call_ended without call_id',
        { body: '{"event":"call_ended","call":{"id":"c"}}', secret },
        400,
        'missing call id',
        'call_id_missing',
      ],
      [
        'invalid UTF-8 in a base64 body',
        { body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true, secret },
        400,
        'body is not valid utf-8',
        'body_not_utf8',
      ],
      ['missing secret', { body: callBody }, 401, 'missing secret', 'secret_missing'],
      [
        'wrong secret',
        { body: callBody, secret: `${secret}x` },
        401,
        'invalid secret',
        'secret_invalid',
      ],
      ['GET request', { method: 'GET', secret }, 405, 'method not allowed', 'method_not_allowed'],
      ['other path', { rawPath: '/webhooks/other', secret }, 404, 'not found', 'route_not_found'],
    ];

    it.each(cases)('rejects a %s', async (_name, options, statusCode, error, reason) => {
      const harness = await createHarness();
      const event = buildWebhookEvent(options);

      const response = await harness.handler(event);

      expect(response.statusCode).toBe(statusCode);
      expect(parseBody(response.body)).toEqual({ error });
      expect(await harness.receive()).toHaveLength(0);
      expect(harness.log.lines).toHaveLength(1);
      expect(harness.log.lines[0]?.fields).toMatchObject({
        reason,
        request_id: event.requestContext.requestId,
      });
      expect(harness.metrics.count(IngestMetric.rejected)).toBe(1);
    });

    it('sends an Allow header with 405', async () => {
      const harness = await createHarness();

      const response = await harness.handler(buildWebhookEvent({ method: 'PUT', secret }));

      expect(response.headers?.allow).toBe('POST');
    });

    it('logs the call id of a rejected call event when known', async () => {
      const harness = await createHarness({ maxMessageBytes: 1024 });
      const body = JSON.stringify({
        event: 'call.completed',
        call: { id: 'c-9', t: 'x'.repeat(960) },
      });

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(413);
      expect(harness.log.lines[0]?.fields.call_id).toBe('c-9');
    });

    it.each([
      ['body alone', 1100],
      ['attributes', 960],
    ])('rejects with 413 when the %s exceed the limit', async (_name, padding) => {
      const harness = await createHarness({ maxMessageBytes: 1024 });
      const body = JSON.stringify({ event: 'note', text: 'x'.repeat(padding) });

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(413);
      expect(parseBody(response.body)).toEqual({ error: 'body too large' });
      expect(await harness.receive()).toHaveLength(0);
    });

    it('rejects a source IP outside the allowlist with 403 before the secret', async () => {
      const harness = await createHarness({
        allowedSourceCidrs: ['198.51.100.0/24', '2001:db8::/32'],
      });

      const response = await harness.handler(buildWebhookEvent({ sourceIp: '203.0.113.10' }));

      expect(response.statusCode).toBe(403);
      expect(harness.log.lines[0]?.fields.source_ip).toBe('203.0.113.10');
    });

    it.each(['198.51.100.7', '2001:db8::1', '::ffff:198.51.100.7'])(
      'accepts allowed source IP %s',
      async (sourceIp) => {
        const harness = await createHarness({
          allowedSourceCidrs: ['198.51.100.0/24', '2001:db8::/32'],
        });

        const response = await harness.handler(
          buildWebhookEvent({ body: callBody, secret, sourceIp }),
        );

        expect(response.statusCode).toBe(200);
      },
    );

    it('never logs or returns the secret', async () => {
      const harness = await createHarness();
      const wrong = `${secret.slice(0, -1)}!`;

      const responses = [
        await harness.handler(buildWebhookEvent({ body: callBody, secret: wrong })),
        await harness.handler(buildWebhookEvent({ body: '{', secret })),
        await harness.handler(buildWebhookEvent({ body: callBody, secret })),
        await harness.handler(buildWebhookEvent({ method: 'GET', secret })),
      ];

      const output = harness.log.text() + JSON.stringify(responses);
      expect(output).not.toContain(secret);
      expect(output).not.toContain(wrong);
      expect(output).not.toContain(previousSecret);
    });
  });

  describe('failed dependency', () => {
    it('responds 503 and logs the call id when the queue is unreachable', async () => {
      const port = await findClosedPort();
      const client = new SQSClient(localClientConfig(`http://127.0.0.1:${port}`));
      const queueUrl = `http://127.0.0.1:${port}/000000000000/calls`;
      const queue = new SqsQueue(client, { queueUrl, batchDeadlineMs: 1000 });
      const harness = await createHarness({ queue });
      const body = readFixture('call-completed.json');

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      client.destroy();
      expect(response.statusCode).toBe(503);
      expect(parseBody(response.body)).toEqual({ error: 'queue unavailable' });
      const failure = harness.log.lines.find((line) => line.level === 'error');
      expect(failure?.fields.call_id).toBe('call-uuid');
      expect(harness.metrics.count(IngestMetric.queueSendFailed)).toBe(1);
    });

    it('responds 503 when the secret cannot be read', async () => {
      const secrets = {
        getSecrets: async () => {
          throw new WebhookSecretUnavailableError('arn:secret');
        },
      };
      const harness = await createHarness({ secrets });

      const response = await harness.handler(buildWebhookEvent({ body: callBody, secret }));

      expect(response.statusCode).toBe(503);
      expect(parseBody(response.body)).toEqual({ error: 'secret unavailable' });
    });

    it('responds with a generic 500 and logs the detail on an unexpected error', async () => {
      const queue = {
        sendMessages: async () => {
          throw new Error('detail for the log only');
        },
      };
      const harness = await createHarness({ queue });

      const response = await harness.handler(buildWebhookEvent({ body: callBody, secret }));

      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('detail');
      expect(harness.log.text()).toContain('detail for the log only');
    });
  });
});
