import {
  GetSecretValueCommand,
  InternalServiceError,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createIngestHandler } from '../../functions/ingest/create-ingest-handler';
import type { QueueMessage, QueuePort } from '../../functions/queue/queue-message';
import { SecretsManagerWebhookSecretSource } from '../../functions/secrets/secrets-manager-webhook-secret-source';
import { createCapturingLogger, createCountingMetrics } from '../ingest/support/capturing-logger';
import { readFixture } from '../ingest/support/ingest-harness';
import { buildWebhookEvent } from '../ingest/support/webhook-event';
import { advanceClock, useFakeClock } from './support/fake-clock';

const SECRET_ID = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook';
const SECRET = 'right-secret-1';

function outageError(): Error {
  return new InternalServiceError({ message: 'service unavailable', $metadata: {} });
}

function createHarness() {
  const sent: QueueMessage[] = [];
  const queue: QueuePort = {
    sendMessages: async (messages) => {
      sent.push(...messages);

      return { failedIndexes: [] };
    },
  };
  const log = createCapturingLogger();
  const handler = createIngestHandler({
    queue,
    secrets: new SecretsManagerWebhookSecretSource({
      secretId: SECRET_ID,
      client: new SecretsManagerClient({ region: 'eu-central-1' }),
      cacheSeconds: 300,
      logger: log.logger,
    }),
    logger: log.logger,
    metrics: createCountingMetrics().metrics,
    maxMessageBytes: 1_048_576,
  });

  return { handler, sent, log };
}

describe('ingest handler during a Secrets Manager outage', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  const body = readFixture('call-completed.json');

  beforeEach(() => {
    secretsManager.reset();
    useFakeClock();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  async function acceptOneThenFail(harness: ReturnType<typeof createHarness>) {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ current: SECRET }) });
    await harness.handler(buildWebhookEvent({ body, secret: SECRET }));
    secretsManager.reset();
    secretsManager.on(GetSecretValueCommand).rejects(outageError());
    advanceClock(301_000);
  }

  describe('after the cache expired', () => {
    it('accepts the correct secret from the last good secrets', async () => {
      const harness = createHarness();
      await acceptOneThenFail(harness);

      const response = await harness.handler(buildWebhookEvent({ body, secret: SECRET }));

      expect(response.statusCode).toBe(200);
      expect(harness.sent).toHaveLength(2);
      expect(harness.log.text()).not.toContain(SECRET);
    });

    it('rejects a wrong secret with 401', async () => {
      const harness = createHarness();
      await acceptOneThenFail(harness);

      const response = await harness.handler(
        buildWebhookEvent({ body, secret: `${SECRET}-wrong` }),
      );

      expect(response.statusCode).toBe(401);
      expect(harness.sent).toHaveLength(1);
    });
  });

  describe('first read', () => {
    it('responds 503 when nothing was ever read', async () => {
      secretsManager.on(GetSecretValueCommand).rejects(outageError());
      const harness = createHarness();

      const response = await harness.handler(buildWebhookEvent({ body, secret: SECRET }));

      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('secret unavailable');
      expect(harness.sent).toHaveLength(0);
    });
  });
});
