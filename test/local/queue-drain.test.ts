import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { drainQueue, QueueDrainLogMessage, readQueueCounts } from '../../local/queue-drain';
import { startSqsPoller } from '../../local/sqs-poller';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { type CapturedLine, createCapturingLogger } from './capturing-logger';

describe('drainQueue', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function queueWithMessages(count: number): Promise<string> {
    const { queueUrl } = await aws.createQueues();
    const entries = Array.from({ length: count }, (_, index) => ({
      Id: String(index),
      MessageBody: `{"n":${index}}`,
    }));
    await aws.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));

    return queueUrl;
  }

  function messagesOf(lines: readonly CapturedLine[]): string[] {
    return lines.map((line) => line.message);
  }

  describe('pollers still running', () => {
    it('waits until the pollers have handled every message when the queue has work', async () => {
      const queueUrl = await queueWithMessages(7);
      const handled: string[] = [];
      const logger = createCapturingLogger();
      const poller = await startSqsPoller({
        sqs: aws.sqs,
        queueUrl,
        logger,
        handler: async (event) => {
          handled.push(...event.Records.map((record) => record.body));

          return { batchItemFailures: [] };
        },
      });

      const left = await drainQueue({ sqs: aws.sqs, queueUrl, logger, timeoutMs: 10_000 });
      await poller.stop();

      expect(left).toBe(0);
      expect(handled).toHaveLength(7);
      expect(await readQueueCounts(aws.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
    });
  });

  describe('no poller', () => {
    it('warns with the number of dropped messages when the cap is reached', async () => {
      const queueUrl = await queueWithMessages(3);
      const logger = createCapturingLogger();

      const left = await drainQueue({ sqs: aws.sqs, queueUrl, logger, timeoutMs: 0 });

      expect(left).toBe(3);
      expect(logger.lines).toEqual([
        expect.objectContaining({
          level: 'warn',
          message: QueueDrainLogMessage.timedOut,
          messages_dropped: 3,
        }),
      ]);
    });

    it('logs progress with the counts while it waits when messages are left', async () => {
      const queueUrl = await queueWithMessages(2);
      const logger = createCapturingLogger();

      await drainQueue({ sqs: aws.sqs, queueUrl, logger, timeoutMs: 50, intervalMs: 10 });

      expect(logger.lines[0]).toMatchObject({
        level: 'info',
        message: QueueDrainLogMessage.progress,
        messages_visible: 2,
        messages_in_flight: 0,
      });
      expect(messagesOf(logger.lines).at(-1)).toBe(QueueDrainLogMessage.timedOut);
    });

    it('returns at once without a line when the queue is empty', async () => {
      const { queueUrl } = await aws.createQueues();
      const logger = createCapturingLogger();

      const left = await drainQueue({ sqs: aws.sqs, queueUrl, logger, timeoutMs: 10_000 });

      expect(left).toBe(0);
      expect(logger.lines).toEqual([]);
    });
  });
});
