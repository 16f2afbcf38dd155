import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { readConsumerConfig } from '../config/consumer-config';
import { defaultActionHooks } from '../hooks/on-call';
import { DedupeLedger } from '../ledger/dedupe-ledger';
import { QuarantineStore } from '../ledger/quarantine-store';
import { createLogger } from '../observability/logger';
import { ServiceName } from '../observability/metric-names';
import { createMetrics } from '../observability/metrics';
import { createConsumerHandler } from './create-consumer-handler';

const config = readConsumerConfig();
const logger = createLogger(ServiceName.consumer);
const metrics = createMetrics(ServiceName.consumer);
const dynamodb = new DynamoDBClient({});
const tableName = config.ledgerTableName;

const handleBatch = createConsumerHandler({
  ledger: new DedupeLedger({ client: dynamodb, tableName }),
  quarantine: new QuarantineStore({ client: dynamodb, tableName }),
  hooks: defaultActionHooks,
  logger,
  metrics,
  clock: () => new Date(),
  leaseMs: config.leaseSeconds * 1000,
  retentionDays: config.retentionDays,
  employeeDedupeMs: config.employeeDedupeMinutes * 60_000,
});

/** Lambda entry of the consumer; publishes the batch's metrics after every invocation. */
export async function handler(event: SQSEvent) {
  try {
    return await handleBatch(event);
  } finally {
    metrics.publishStoredMetrics();
  }
}
