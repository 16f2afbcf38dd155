import { randomUUID } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type SqsBatchHandler, type SqsPoller, startSqsPoller } from '../../local/sqs-poller';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createCapturingLogger } from './capturing-logger';
import { waitFor } from './wait-for';

describe('startSqsPoller', () => {
  let aws: LocalAws;
  let poller: SqsPoller | undefined;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function sendMessage(queueUrl: string, body = `{"id":"${randomUUID()}"}`) {
    const output = await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageAttributes: { source: { DataType: 'String', StringValue: 'webhook' } },
      }),
    );

    return output.MessageId as string;
  }

  async function countMessages(queueUrl: string): Promise<number> {
    const output = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );
    const attributes = output.Attributes ?? {};

    return (
      Number(attributes.ApproximateNumberOfMessages) +
      Number(attributes.ApproximateNumberOfMessagesNotVisible)
    );
  }

  async function startRecording(queueUrl: string, respond: (record: SQSRecord) => boolean) {
    const received: SQSRecord[] = [];
    const handler: SqsBatchHandler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      received.push(...event.Records);
      const failed = event.Records.filter((record) => !respond(record));

      return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
    };
    const logger = createCapturingLogger();
    poller = await startSqsPoller({ sqs: aws.sqs, queueUrl, handler, logger, idleDelayMs: 20 });

    return { received, logger };
  }

  describe('successful messages', () => {
    it('deletes each message when the handler reports no failure', async () => {
      const { queueUrl } = await aws.createQueues();
      const sent = [await sendMessage(queueUrl), await sendMessage(queueUrl)];

      const { received } = await startRecording(queueUrl, () => true);
      await waitFor('both messages', () => (received.length >= 2 ? true : undefined));
      await poller?.stop();

      expect(received.map((record) => record.messageId).sort()).toEqual([...sent].sort());
      expect(await countMessages(queueUrl)).toBe(0);
    });

    it('passes records shaped like Lambda when a message arrives', async () => {
      const { queueUrl } = await aws.createQueues();
      await sendMessage(queueUrl, '{"event":"call.completed"}');

      const { received } = await startRecording(queueUrl, () => true);
      const record = await waitFor('one record', () => received[0]);

      expect(record.body).toBe('{"event":"call.completed"}');
      expect(record.eventSource).toBe('aws:sqs');
      expect(record.eventSourceARN).toMatch(/^arn:aws:sqs:[^:]+:\d+:calls-/);
      expect(record.awsRegion).toBe(record.eventSourceARN.split(':')[3]);
      expect(record.attributes.ApproximateReceiveCount).toBe('1');
      expect(record.attributes.SentTimestamp).toMatch(/^\d+$/);
      expect(record.messageAttributes.source).toEqual({
        stringValue: 'webhook',
        stringListValues: [],
        binaryListValues: [],
        dataType: 'String',
      });
      expect(record.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('failed messages', () => {
    it('redelivers a reported failure with a higher receive count', async () => {
      const { queueUrl } = await aws.createQueues({ visibilityTimeoutSeconds: 1 });
      const failing = await sendMessage(queueUrl);
      await sendMessage(queueUrl);

      const { received } = await startRecording(
        queueUrl,
        (record) =>
          record.messageId !== failing || record.attributes.ApproximateReceiveCount !== '1',
      );
      await waitFor('a second delivery', () =>
        received.some((record) => record.attributes.ApproximateReceiveCount === '2')
          ? true
          : undefined,
      );
      await poller?.stop();

      const deliveries = received.filter((record) => record.messageId === failing);
      expect(deliveries.map((record) => record.attributes.ApproximateReceiveCount)).toEqual([
        '1',
        '2',
      ]);
      expect(received).toHaveLength(3);
      expect(await countMessages(queueUrl)).toBe(0);
    });

    it('keeps the whole batch when the handler throws', async () => {
      const { queueUrl } = await aws.createQueues({ visibilityTimeoutSeconds: 1 });
      await sendMessage(queueUrl);
      await sendMessage(queueUrl);
      const calls: string[][] = [];
      const handler: SqsBatchHandler = async (event) => {
        calls.push(event.Records.map((record) => record.attributes.ApproximateReceiveCount));
        if (calls.length === 1) {
          throw new Error('handler crashed');
        }

        return { batchItemFailures: [] };
      };
      const logger = createCapturingLogger();

      poller = await startSqsPoller({ sqs: aws.sqs, queueUrl, handler, logger, concurrency: 1 });
      await waitFor('a redelivery', () => (calls.flat().includes('2') ? true : undefined));
      await waitFor('an empty queue', async () =>
        (await countMessages(queueUrl)) === 0 ? true : undefined,
      );

      expect(calls.flat().filter((count) => count === '2')).toHaveLength(2);
      expect(logger.lines.map((line) => line.message)).toContain('sqs handler failed');
    });

    it('moves a message to the DLQ when it fails maxReceiveCount times', async () => {
      const queues = await aws.createQueues({ visibilityTimeoutSeconds: 1, maxReceiveCount: 2 });
      const messageId = await sendMessage(queues.queueUrl);

      const { received } = await startRecording(queues.queueUrl, () => false);
      const deadLetter = await waitFor('a DLQ message', async () => {
        const output = await aws.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl }),
        );

        return output.Messages?.[0];
      });

      expect(deadLetter.MessageId).toBe(messageId);
      expect(received.length).toBeGreaterThanOrEqual(2);
    });
  });
});
