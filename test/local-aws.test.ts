import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { type LocalAws, startLocalAws } from './support/local-aws';

describe('startLocalAws', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  it('creates a ledger table that accepts items', async () => {
    const tableName = await aws.createTable();

    const put = aws.dynamodb.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'call#1' } } }),
    );

    await expect(put).resolves.toBeDefined();
  });

  it('creates a queue that returns what was sent', async () => {
    const { queueUrl } = await aws.createQueues();

    await aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"a":1}' }));
    const received = await aws.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );

    expect(received.Messages?.[0]?.Body).toBe('{"a":1}');
  });
});
