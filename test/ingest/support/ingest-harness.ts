import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  createIngestHandler,
  type IngestDependencies,
} from '../../../functions/ingest/create-ingest-handler';
import type { QueuePort } from '../../../functions/queue/queue-message';
import { SqsQueue } from '../../../functions/queue/sqs-queue';
import { createStaticWebhookSecretSource } from '../../../functions/secrets/static-webhook-secret-source';
import { createCapturingLogger, createCountingMetrics } from './capturing-logger';

/** Fixed receive time of every harness request. */
export const RECEIVED_AT = new Date('2026-03-22T10:31:00.000Z');

/** Reads a sample payload from `test/fixtures` as text. */
export function readFixture(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8');
}

/** Options of `createIngestHarness`. */
export interface IngestHarnessOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly secret: string;
  readonly previousSecret?: string;
  readonly queue?: QueuePort;
  readonly overrides?: Partial<IngestDependencies>;
}

/** Builds the ingest handler over a real queue with a capturing logger and counting metrics. */
export function createIngestHarness(options: IngestHarnessOptions) {
  const log = createCapturingLogger();
  const metrics = createCountingMetrics();
  const queue = options.queue ?? new SqsQueue(options.sqs, { queueUrl: options.queueUrl });
  const handler = createIngestHandler({
    queue,
    secrets: createStaticWebhookSecretSource({
      current: options.secret,
      previous: options.previousSecret,
    }),
    logger: log.logger,
    metrics: metrics.metrics,
    maxMessageBytes: 1_048_576,
    now: () => RECEIVED_AT,
    ...options.overrides,
  });
  const receive = async (): Promise<Message[]> => {
    const output = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );

    return output.Messages ?? [];
  };

  return { handler, log, metrics, receive };
}
