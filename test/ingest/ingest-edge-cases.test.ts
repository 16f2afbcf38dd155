import { randomUUID } from 'node:crypto';
import {
  GetSecretValueCommand,
  InternalServiceError,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsManagerWebhookSecretSource } from '../../functions/secrets/secrets-manager-webhook-secret-source';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createCapturingLogger } from './support/capturing-logger';
import { createIngestHarness } from './support/ingest-harness';
import { buildWebhookEvent } from './support/webhook-event';

const SECRET_ID = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook';

function parseBody(body: string | undefined): unknown {
  return JSON.parse(body ?? 'null');
}

describe('createIngestHandler', () => {
  let aws: LocalAws;
  const secret = `secret-${randomUUID()}`;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function createHarness(overrides?: Parameters<typeof createIngestHarness>[0]['overrides']) {
    const { queueUrl } = await aws.createQueues();

    return createIngestHarness({ sqs: aws.sqs, queueUrl, secret, overrides });
  }

  describe('events whose names start with call', () => {
    it.each([
      ['callback.requested', { event: 'callback.requested', agent_id: 'a-1' }, undefined],
      ['calls.batch_exported', { event: 'calls.batch_exported', calls: [] }, undefined],
      ['call_transferred', { event: 'call_transferred', call_id: 'lk_9' }, 'lk_9'],
      ['call.updated', { event: 'call.updated', call: { id: 'c-9' } }, 'c-9'],
    ])('queues %s unchanged', async (event, payload, callId) => {
      const harness = await createHarness();
      const body = JSON.stringify(payload);

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
      expect(message?.MessageAttributes?.event?.StringValue).toBe(event);
      expect(message?.MessageAttributes?.call_id?.StringValue).toBe(callId);
    });
  });

  describe('call ids that break the rule', () => {
    it.each([
      ['a blank call.id', { event: 'call.completed', call: { id: '   ' } }],
      ['a 1,000+ character call.id', { event: 'call.completed', call: { id: 'c'.repeat(1025) } }],
      ['a blank call_id', { event: 'call_ended', call_id: ' ' }],
    ])('rejects %s with 400 call_id_invalid', async (_name, payload) => {
      const harness = await createHarness();
      const body = JSON.stringify(payload);

      const response = await harness.handler(buildWebhookEvent({ body, secret }));

      expect(response.statusCode).toBe(400);
      expect(parseBody(response.body)).toEqual({
        error: 'invalid call id: must be non-blank and at most 1024 utf-8 bytes',
      });
      expect(harness.log.lines[0]?.fields.reason).toBe('call_id_invalid');
      expect(await harness.receive()).toHaveLength(0);
    });
  });

  describe('replaced characters', () => {
    const body = '{"event":"call.completed","call":{"id":"c-1","name":"M\uFFFDller"}}';

    it.each([
      'application/json;charset=iso-8859-1',
      'application/json; Charset="windows-1252"',
      'text/plain; charset=us-ascii',
    ])('rejects a body with U+FFFD sent as %s', async (contentType) => {
      const harness = await createHarness();
      const headers = { 'content-type': contentType };

      const response = await harness.handler(buildWebhookEvent({ body, secret, headers }));

      expect(response.statusCode).toBe(400);
      expect(parseBody(response.body)).toEqual({ error: 'body is not valid utf-8' });
      expect(await harness.receive()).toHaveLength(0);
    });

    it.each([
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset="UTF8"',
    ])('queues a body with U+FFFD sent as %s', async (contentType) => {
      const harness = await createHarness();
      const headers = { 'content-type': contentType };

      const response = await harness.handler(buildWebhookEvent({ body, secret, headers }));

      expect(response.statusCode).toBe(200);
      const [message] = await harness.receive();
      expect(message?.Body).toBe(body);
    });
  });

  describe('wrong secret during a Secrets Manager outage', () => {
    const secretsManager = mockClient(SecretsManagerClient);

    afterEach(() => {
      secretsManager.reset();
    });

    it('responds 401 from the cached secrets and logs the failed refresh once', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .resolvesOnce({ SecretString: JSON.stringify({ current: secret }) })
        .rejects(new InternalServiceError({ message: 'outage', $metadata: {} }));
      const sourceLog = createCapturingLogger();
      const secrets = new SecretsManagerWebhookSecretSource({
        secretId: SECRET_ID,
        client: new SecretsManagerClient({ region: 'eu-central-1' }),
        cacheSeconds: 300,
        now: () => 1_000_000,
        logger: sourceLog.logger,
      });
      const harness = await createHarness({ secrets });
      const callBody = '{"event":"call.completed","call":{"id":"c-1"}}';
      await harness.handler(buildWebhookEvent({ body: callBody, secret }));

      const wrong = [
        await harness.handler(buildWebhookEvent({ body: callBody, secret: `${secret}x` })),
        await harness.handler(buildWebhookEvent({ body: callBody, secret: `${secret}y` })),
      ];

      expect(wrong.map((response) => response.statusCode)).toEqual([401, 401]);
      const refreshFailures = sourceLog.lines.filter(
        (line) => line.message === 'webhook secret refresh failed',
      );
      expect(refreshFailures).toHaveLength(1);
      expect(refreshFailures[0]?.level).toBe('warn');
      expect(harness.log.text()).not.toContain(secret);
      expect(sourceLog.text()).not.toContain(secret);
    });
  });
});
