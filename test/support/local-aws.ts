import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  createLedgerTable,
  createQueues,
  localClientConfig,
  type QueueUrls,
} from '../../local/resources';
import { type LocalServer, startDynalite } from '../../local/servers/dynalite-server';
import { startSqsServer } from '../../local/servers/sqs-server';

/** Real local DynamoDB and SQS servers for one test file, with fresh resources per call. */
export interface LocalAws {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  /** Creates a ledger table with a random name and returns the name. */
  createTable(): Promise<string>;
  /** Creates a queue and DLQ with random names and returns their URLs. */
  createQueues(options?: {
    visibilityTimeoutSeconds?: number;
    maxReceiveCount?: number;
  }): Promise<QueueUrls>;
  stop(): Promise<void>;
}

/** Starts dynalite and local-aws-sqs on 127.0.0.1; call `stop()` in `afterAll`. */
export async function startLocalAws(): Promise<LocalAws> {
  const servers: LocalServer[] = [await startDynalite(), await startSqsServer()];
  const [dynamoServer, sqsServer] = servers as [LocalServer, LocalServer];
  const dynamodb = new DynamoDBClient(localClientConfig(dynamoServer.endpoint));
  const sqs = new SQSClient(localClientConfig(sqsServer.endpoint));

  return {
    dynamodb,
    sqs,
    async createTable() {
      const tableName = `ledger-${randomUUID()}`;
      await createLedgerTable(dynamodb, tableName);

      return tableName;
    },
    createQueues: (options = {}) =>
      createQueues(sqs, {
        queueName: `calls-${randomUUID()}`,
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
        maxReceiveCount: options.maxReceiveCount ?? 5,
      }),
    async stop() {
      dynamodb.destroy();
      sqs.destroy();
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
