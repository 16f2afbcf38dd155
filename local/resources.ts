import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LedgerAttribute } from '../functions/ledger/ledger-keys';

/** Client settings for the local servers: fixed region and dummy credentials, no real AWS. */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
}

/** Creates the ledger table with the same key schema as the CDK stack; no error if it exists. */
export async function createLedgerTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: LedgerAttribute.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: LedgerAttribute.partitionKey, KeyType: 'HASH' }],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
  }
}

/** Options of `createQueues`. */
export interface CreateQueuesOptions {
  readonly queueName: string;
  readonly visibilityTimeoutSeconds: number;
  /** Receives after which SQS moves a message to the DLQ. */
  readonly maxReceiveCount: number;
}

/** URLs of the calls queue and its DLQ. */
export interface QueueUrls {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
}

/** Creates the calls queue and its DLQ with a redrive policy, as the CDK stack does. */
export async function createQueues(
  client: SQSClient,
  options: CreateQueuesOptions,
): Promise<QueueUrls> {
  const dlq = await client.send(
    new CreateQueueCommand({
      QueueName: `${options.queueName}-dlq`,
      Attributes: { MessageRetentionPeriod: '1209600' },
    }),
  );
  const deadLetterQueueUrl = dlq.QueueUrl as string;
  const dlqAttributes = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: deadLetterQueueUrl,
      AttributeNames: [QueueAttributeName.QueueArn],
    }),
  );
  const redrivePolicy = JSON.stringify({
    deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
    maxReceiveCount: options.maxReceiveCount,
  });
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: options.queueName,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds),
        MaximumMessageSize: '1048576',
        RedrivePolicy: redrivePolicy,
      },
    }),
  );

  return { queueUrl: queue.QueueUrl as string, deadLetterQueueUrl };
}
