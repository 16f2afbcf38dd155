import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type * as HandlerModule from '../../functions/ingest/handler';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { readFixture } from './support/ingest-harness';
import { buildWebhookEvent } from './support/webhook-event';

describe('ingest handler entry', () => {
  let aws: LocalAws;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await aws.stop();
  });

  describe('local configuration', () => {
    it('queues a webhook with clients built from the environment', async () => {
      const { queueUrl } = await aws.createQueues();
      const endpoint = await aws.sqs.config.endpoint?.();
      const secret = randomUUID();
      process.env = {
        ...savedEnv,
        QUEUE_URL: queueUrl,
        WEBHOOK_SECRET: secret,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_SQS: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
      };
      // The module reads its configuration when loaded, so it is loaded after the env is set.
      const entry = jest.requireActual<typeof HandlerModule>('../../functions/ingest/handler');
      const body = readFixture('call-completed.json');

      const response = await entry.handler(buildWebhookEvent({ body, secret }), {} as Context);

      expect(response.statusCode).toBe(200);
    });
  });
});
