import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { readConsumerConfig } from '../config/consumer-config';
import { createLogger } from '../observability/logger';
import { ServiceName } from '../observability/metric-names';
import { createMetrics } from '../observability/metrics';
import { createConsumerDependencies } from './consumer-wiring';
import { createConsumerHandler } from './create-consumer-handler';

const config = readConsumerConfig();
const logger = createLogger(ServiceName.consumer);
const metrics = createMetrics(ServiceName.consumer);

const handleBatch = createConsumerHandler(
  createConsumerDependencies({
    dynamodb: new DynamoDBClient({}),
    tableName: config.ledgerTableName,
    config,
    logger,
    metrics,
  }),
);

/** Lambda entry of the consumer; publishes the batch's metrics after every invocation. */
export async function handler(event: SQSEvent) {
  try {
    return await handleBatch(event);
  } finally {
    metrics.publishStoredMetrics();
  }
}
