import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ConsumerConfig } from '../config/consumer-config';
import { defaultActionHooks } from '../hooks/on-call';
import { DedupeLedger } from '../ledger/dedupe-ledger';
import { QuarantineStore } from '../ledger/quarantine-store';
import type { LoggerPort } from '../observability/logger';
import type { MetricsPort } from '../observability/metrics';
import type { ConsumerDependencies } from './consumer-dependencies';

/** Resources and settings that the Lambda handler and the local runtime both pass. */
export interface ConsumerWiringOptions {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly config: Omit<ConsumerConfig, 'ledgerTableName'>;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
}

/**
 * Builds the consumer's dependencies with the default action hooks and the system clock, so
 * Lambda and `npm start` run the same wiring.
 */
export function createConsumerDependencies(options: ConsumerWiringOptions): ConsumerDependencies {
  const { dynamodb: client, tableName, config } = options;

  return {
    ledger: new DedupeLedger({ client, tableName }),
    quarantine: new QuarantineStore({ client, tableName }),
    hooks: defaultActionHooks,
    logger: options.logger,
    metrics: options.metrics,
    clock: () => new Date(),
    leaseMs: config.leaseSeconds * 1000,
    retentionDays: config.retentionDays,
    employeeDedupeMs: config.employeeDedupeMinutes * 60_000,
  };
}
