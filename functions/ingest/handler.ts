import { SQSClient } from '@aws-sdk/client-sqs';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { readIngestConfig } from '../config/ingest-config';
import { createLogger } from '../observability/logger';
import { ServiceName } from '../observability/metric-names';
import { createMetrics } from '../observability/metrics';
import { SqsQueue } from '../queue/sqs-queue';
import { createSecretsManagerClient } from '../secrets/secrets-manager-client';
import { SecretsManagerWebhookSecretSource } from '../secrets/secrets-manager-webhook-secret-source';
import { createStaticWebhookSecretSource } from '../secrets/static-webhook-secret-source';
import type { WebhookSecretSource } from '../secrets/webhook-secret-source';
import { createIngestHandler } from './create-ingest-handler';

const config = readIngestConfig(process.env);
const logger = createLogger(ServiceName.ingest);
const metrics = createMetrics(ServiceName.ingest);

function createSecretSource(): WebhookSecretSource {
  if (config.secret.kind === 'static') {
    return createStaticWebhookSecretSource(config.secret);
  }

  return new SecretsManagerWebhookSecretSource({
    secretId: config.secret.secretArn,
    // Short timeouts: after the first read, a failed read falls back to the last good secrets.
    client: createSecretsManagerClient(),
    cacheSeconds: config.secretCacheSeconds,
    logger,
  });
}

// The queue retries on its own within its deadline, so the client makes one attempt each.
const queue = new SqsQueue(new SQSClient({ maxAttempts: 1 }), {
  queueUrl: config.queueUrl,
  batchDeadlineMs: config.queueSendDeadlineMs,
  logger,
});

const ingest = createIngestHandler({
  queue,
  secrets: createSecretSource(),
  logger,
  metrics,
  maxMessageBytes: config.maxMessageBytes,
  allowedSourceCidrs: config.allowedSourceCidrs,
});

/** Lambda entry of the ingest function, behind the HTTP API route `POST /webhooks/talkpilot`. */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  try {
    return await ingest(event);
  } finally {
    // Only rejections and queue failures add metrics; an accepted webhook writes no line.
    if (metrics.hasStoredMetrics()) {
      metrics.publishStoredMetrics();
    }
  }
}
