import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Environment } from '../functions/config/read-env';
import type { LoggerPort } from '../functions/observability/logger';

/** Options of `startLocalReconciler`. */
export interface LocalReconcilerOptions {
  readonly env: Environment;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly logger: LoggerPort;
}

/** Starts the reconcile loop on the local queue and ledger; returns a function that stops it. */
export async function startLocalReconciler(
  _options: LocalReconcilerOptions,
): Promise<() => Promise<void>> {
  return async () => undefined;
}
