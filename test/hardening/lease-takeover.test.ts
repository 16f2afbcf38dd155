import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createConsumerHandler } from '../../functions/consumer/create-consumer-handler';
import { DedupeLedger, type DedupeLedgerPort } from '../../functions/ledger/dedupe-ledger';
import { QuarantineStore } from '../../functions/ledger/quarantine-store';
import { MessageSource } from '../../functions/queue/queue-message';
import { SqsQueue } from '../../functions/queue/sqs-queue';
import { discardedMetrics } from '../../local/local-handlers';
import { toSqsRecord } from '../../local/sqs-record';
import { type HardeningAws, startHardeningAws } from './support/hardening-aws';
import { buildCallBody } from './support/hardening-payloads';
import { createQuietLogger, type QuietLogger } from './support/quiet-logger';

const LEASE_MS = 60_000;
const START_MS = Date.parse('2026-03-22T10:31:00.000Z');

interface Worker {
  readonly handle: ReturnType<typeof createConsumerHandler>;
  readonly logger: QuietLogger;
}

describe('lease expiry and takeover', () => {
  let aws: HardeningAws;
  let tableName: string;
  let record: SQSRecord;
  let nowMs: number;
  let hookStarts: number;
  let hookFinishes: number;

  beforeAll(async () => {
    aws = await startHardeningAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  beforeEach(async () => {
    tableName = await aws.createTable();
    nowMs = START_MS;
    hookStarts = 0;
    hookFinishes = 0;
    record = await queueOneCall(aws, `lease-call-${tableName}`);
  });

  function startWorker(options: { ledger?: DedupeLedgerPort; hook?: () => Promise<void> } = {}) {
    const client = aws.dynamodb;
    const logger = createQuietLogger();
    const handle = createConsumerHandler({
      ledger: options.ledger ?? new DedupeLedger({ client, tableName }),
      quarantine: new QuarantineStore({ client, tableName }),
      hooks: {
        async onCallCompleted() {
          hookStarts += 1;
          await options.hook?.();
          hookFinishes += 1;
        },
        async onEmployeeEvent() {},
      },
      logger,
      metrics: discardedMetrics,
      clock: () => new Date(nowMs),
      leaseMs: LEASE_MS,
      retentionDays: 30,
    });

    return { handle, logger } satisfies Worker;
  }

  const outcomes = (worker: Worker) =>
    worker.logger.lines.map(
      (line) => JSON.parse(line.json) as { outcome: string; reason?: string },
    );

  describe('a worker that stops right after its claim', () => {
    it('lets another worker take the call over once the lease ends, and run it once', async () => {
      const real = new DedupeLedger({ client: aws.dynamodb, tableName });
      const stopped = startWorker({
        ledger: {
          claim: async (key, options) => {
            await real.claim(key, options);

            return new Promise(() => {});
          },
          complete: (key, token, options) => real.complete(key, token, options),
          release: (key, token) => real.release(key, token),
        },
      });
      const other = startWorker();

      void stopped.handle({ Records: [record] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const whileLeased = await other.handle({ Records: [record] });
      nowMs += LEASE_MS + 1;
      const afterLease = await other.handle({ Records: [record] });
      const redelivered = await other.handle({ Records: [record] });

      expect(whileLeased.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
      expect(afterLease.batchItemFailures).toEqual([]);
      expect(redelivered.batchItemFailures).toEqual([]);
      expect(outcomes(other).map((line) => line.outcome)).toEqual([
        'retry',
        'processed',
        'duplicate',
      ]);
      expect([hookStarts, hookFinishes]).toEqual([1, 1]);
    });
  });

  describe('a slow worker that finishes after another took its call over', () => {
    it('records one completion and acknowledges the slow worker as a lost lease', async () => {
      let openGate: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      const slow = startWorker({ hook: () => gate });
      const fast = startWorker();

      const slowRun = slow.handle({ Records: [record] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      nowMs += LEASE_MS + 1;
      const takeover = await fast.handle({ Records: [record] });
      openGate();
      const slowResult = await slowRun;
      const redelivered = await fast.handle({ Records: [record] });

      // The lease was shorter than the hook, so the hook started twice, as on-call.ts warns.
      expect([hookStarts, hookFinishes]).toEqual([2, 2]);
      expect(takeover.batchItemFailures).toEqual([]);
      expect(slowResult.batchItemFailures).toEqual([]);
      expect(redelivered.batchItemFailures).toEqual([]);
      expect(outcomes(fast).map((line) => line.outcome)).toEqual(['processed', 'duplicate']);
      expect(outcomes(slow)).toEqual([
        expect.objectContaining({ outcome: 'duplicate', reason: 'lease_lost' }),
      ]);
    });
  });
});

async function queueOneCall(aws: HardeningAws, callId: string): Promise<SQSRecord> {
  const { queueUrl } = await aws.createQueues();
  const queue = new SqsQueue(aws.sqs, { queueUrl });
  await queue.sendMessages([
    {
      body: buildCallBody(callId),
      metadata: {
        source: MessageSource.webhook,
        receivedAt: new Date(START_MS).toISOString(),
        requestId: 'lease-request',
        event: 'call.completed',
        callId,
      },
    },
  ]);
  const output = await aws.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  const message = output.Messages?.[0];
  if (message === undefined) {
    throw new Error('the queued call was not received');
  }

  return toSqsRecord(message, 'arn:aws:sqs:eu-central-1:000000000000:calls');
}
