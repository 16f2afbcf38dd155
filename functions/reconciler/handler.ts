import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { readReconcilerConfig } from '../config/reconciler-config';
import { createLogger } from '../observability/logger';
import { ServiceName } from '../observability/metric-names';
import { createMetrics } from '../observability/metrics';
import { SqsQueue } from '../queue/sqs-queue';
import { createSecretsManagerClient } from '../secrets/secrets-manager-client';
import { createApiKeySource } from './api-key-source';
import { createReconcilerHandler } from './create-reconciler-handler';

const config = readReconcilerConfig(process.env);
const logger = createLogger(ServiceName.reconciler);
const metrics = createMetrics(ServiceName.reconciler);

const reconcileOnce = createReconcilerHandler({
  talkpilot: config.talkpilot,
  apiKey: createApiKeySource(config.talkpilot.apiKey, {
    client: createSecretsManagerClient(),
    logger,
  }),
  settings: config.settings,
  dynamodb: new DynamoDBClient({}),
  tableName: config.ledgerTableName,
  queue: new SqsQueue(new SQSClient({ maxAttempts: 1 }), { queueUrl: config.queueUrl, logger }),
  logger,
  metrics,
});

/**
 * Lambda entry of the reconciler, run by an EventBridge schedule. Set the function timeout
 * above `RECONCILE_TIME_BUDGET_SECONDS` plus one request's retries (about a minute).
 */
export async function handler(_event: ScheduledEvent, context: Context): Promise<void> {
  logger.addContext(context);
  try {
    await reconcileOnce();
  } finally {
    metrics.publishStoredMetrics();
  }
}
