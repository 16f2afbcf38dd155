import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  createLedgerTable,
  createQueues,
  localClientConfig,
  type QueueUrls,
} from '../../../local/resources';
import { type LocalServer, startDynalite } from '../../../local/servers/dynalite-server';
import { startSqsServer } from '../../../local/servers/sqs-server';

/**
 * Real dynalite and local-aws-sqs for one hardening file. Unlike `startLocalAws`, it hands out
 * fresh clients, so a test can add fault middleware to its own client only.
 */
export interface HardeningAws {
  /** The file's shared clients for setup and inspection; never given fault middleware. */
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  newDynamoDbClient(): DynamoDBClient;
  newSqsClient(): SQSClient;
  createTable(): Promise<string>;
  /** Creates a queue with a one-second visibility timeout, so retries come back quickly. */
  createQueues(maxReceiveCount?: number): Promise<QueueUrls>;
  /** Messages visible plus in flight, as SQS approximates them. */
  countQueued(queueUrl: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts both servers on 127.0.0.1; call `stop()` in `afterAll`. */
export async function startHardeningAws(): Promise<HardeningAws> {
  const servers: LocalServer[] = [await startDynalite(), await startSqsServer()];
  const [dynamoServer, sqsServer] = servers as [LocalServer, LocalServer];
  const clients: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);

    return client;
  };
  const newDynamoDbClient = () =>
    track(new DynamoDBClient(localClientConfig(dynamoServer.endpoint)));
  const newSqsClient = () => track(new SQSClient(localClientConfig(sqsServer.endpoint)));
  const dynamodb = newDynamoDbClient();
  const sqs = newSqsClient();

  return {
    dynamodb,
    sqs,
    newDynamoDbClient,
    newSqsClient,
    async createTable() {
      const tableName = `ledger-${randomUUID()}`;
      await createLedgerTable(dynamodb, tableName);

      return tableName;
    },
    createQueues: (maxReceiveCount = 50) =>
      createQueues(sqs, {
        queueName: `calls-${randomUUID()}`,
        visibilityTimeoutSeconds: 1,
        maxReceiveCount,
      }),
    async countQueued(queueUrl) {
      const output = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const attributes = output.Attributes ?? {};

      return (
        Number(attributes.ApproximateNumberOfMessages ?? 0) +
        Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    },
    async stop() {
      for (const client of clients) {
        client.destroy();
      }
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
