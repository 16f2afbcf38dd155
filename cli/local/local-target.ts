import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** The resources of the local runtime that the commands use with `--local`. */
export interface LocalTarget {
  /** Webhook URL without the secret. */
  readonly webhookUrl: string;
  /** Current webhook secret. */
  readonly secret: string;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly tableName: string;
}
