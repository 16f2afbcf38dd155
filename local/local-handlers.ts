import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createConsumerDependencies } from '../functions/consumer/consumer-wiring';
import {
  type ConsumerHandler,
  createConsumerHandler,
} from '../functions/consumer/create-consumer-handler';
import { createIngestHandler, type IngestHandler } from '../functions/ingest/create-ingest-handler';
import type { LoggerPort } from '../functions/observability/logger';
import type { MetricsPort } from '../functions/observability/metrics';
import { SqsQueue } from '../functions/queue/sqs-queue';
import { createStaticWebhookSecretSource } from '../functions/secrets/static-webhook-secret-source';
import type { WebhookSecrets } from '../functions/secrets/webhook-secret-source';
import type { LocalConsumerConfig, LocalIngestConfig } from './local-config';

/**
 * Metrics that go nowhere. Locally the outcome log lines show the same counts, and the
 * embedded metric format lines would only crowd the output.
 */
export const discardedMetrics: MetricsPort = {
  addMetric() {
    // Powertools returns the instance for chaining; this stand-in only returns itself.
    return discardedMetrics as ReturnType<MetricsPort['addMetric']>;
  },
};

/** Options of `createLocalIngestHandler`. */
export interface LocalIngestOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly secrets: WebhookSecrets;
  readonly config: LocalIngestConfig;
  readonly logger: LoggerPort;
}

/** Builds the ingest Lambda handler over the local SQS server, as `handler.ts` does in AWS. */
export function createLocalIngestHandler(options: LocalIngestOptions): IngestHandler {
  const queue = new SqsQueue(options.sqs, {
    queueUrl: options.queueUrl,
    batchDeadlineMs: options.config.queueSendDeadlineMs,
    logger: options.logger,
  });

  return createIngestHandler({
    queue,
    secrets: createStaticWebhookSecretSource(options.secrets),
    logger: options.logger,
    metrics: discardedMetrics,
    maxMessageBytes: options.config.maxMessageBytes,
    allowedSourceCidrs: options.config.allowedSourceCidrs,
  });
}

/** Options of `createLocalConsumerHandler`. */
export interface LocalConsumerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly config: LocalConsumerConfig;
  readonly logger: LoggerPort;
}

/** Builds the consumer Lambda handler over dynalite, as `handler.ts` does in AWS. */
export function createLocalConsumerHandler(options: LocalConsumerOptions): ConsumerHandler {
  return createConsumerHandler(
    createConsumerDependencies({ ...options, metrics: discardedMetrics }),
  );
}
