import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { createConsumerHandler } from '../../functions/consumer/create-consumer-handler';
import type { ActionHooks, CallPayload } from '../../functions/hooks/on-call';
import { DedupeLedger } from '../../functions/ledger/dedupe-ledger';
import { callKey, watermarkKey } from '../../functions/ledger/ledger-keys';
import { QuarantineStore } from '../../functions/ledger/quarantine-store';
import type { LoggerPort } from '../../functions/observability/logger';
import type { MetricsPort } from '../../functions/observability/metrics';
import type { QueuePort } from '../../functions/queue/queue-message';
import { SqsQueue } from '../../functions/queue/sqs-queue';
import { createReconcilerHandler } from '../../functions/reconciler/create-reconciler-handler';
import {
  DEFAULT_RECONCILE_SETTINGS,
  type ReconcileSettings,
} from '../../functions/reconciler/reconcile-settings';
import type { RateLimits } from '../../functions/talkpilot/rate-window';
import { toSqsRecord } from '../../local/sqs-record';
import type { LocalAws } from '../support/local-aws';
import { recordFakeLogLine } from '../support/log-capture-sink';
import { createFakeTime, type FakeTime } from '../support/talkpilot-fake-time';
import { startTalkPilotStandIn, type TalkPilotStandIn } from '../support/talkpilot-stand-in';

/** One captured log line. */
export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Everything one reconciler test needs, on fresh resources. */
export interface ReconcileHarness {
  readonly time: FakeTime;
  readonly standIn: TalkPilotStandIn;
  readonly tableName: string;
  readonly logs: LogLine[];
  readonly metrics: Map<string, number>;
  /** Call ids the consumer's action hook ran for, in order. */
  readonly processed: string[];
  run(): ReturnType<ReturnType<typeof createReconcilerHandler>>;
  /** Feeds every queued message through the real consumer, as Lambda would. */
  consumeQueue(): Promise<void>;
  /** Marks calls as already received by webhook. */
  recordCalls(callIds: readonly string[]): Promise<void>;
  readWatermark(agentId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Options of `createReconcileHarness`. */
export interface ReconcileHarnessOptions {
  readonly settings?: Partial<ReconcileSettings>;
  readonly limits?: RateLimits;
  readonly queue?: (real: QueuePort) => QueuePort;
}

/** Stand-in, ledger table, queue and consumer wired like the deployed stack, on a fake clock. */
export async function createReconcileHarness(
  aws: LocalAws,
  options: ReconcileHarnessOptions = {},
): Promise<ReconcileHarness> {
  const time = createFakeTime();
  const limits = options.limits ?? { perMinute: 60, perHour: 1000 };
  const standIn = await startTalkPilotStandIn({ now: time.now, rateLimits: limits });
  const tableName = await aws.createTable();
  const { queueUrl } = await aws.createQueues();
  const logs: LogLine[] = [];
  const metrics = new Map<string, number>();
  const processed: string[] = [];
  const realQueue = new SqsQueue(aws.sqs, { queueUrl });
  const reconcileOnce = createReconcilerHandler({
    talkpilot: {
      baseUrl: standIn.baseUrl,
      rateLimits: limits,
      requestTimeoutMs: 2000,
      maxRetries: 3,
    },
    apiKey: async () => standIn.apiKey,
    settings: { ...DEFAULT_RECONCILE_SETTINGS, ...options.settings },
    dynamodb: aws.dynamodb,
    tableName,
    queue: options.queue ? options.queue(realQueue) : realQueue,
    logger: captureLogger(logs),
    metrics: countMetrics(metrics),
    time,
    random: () => 0.5,
    createRunId: () => `run-${time.now()}`,
  });
  const consume = createConsumerHandler({
    ledger: new DedupeLedger({ client: aws.dynamodb, tableName }),
    quarantine: new QuarantineStore({ client: aws.dynamodb, tableName }),
    hooks: captureHooks(processed),
    logger: captureLogger([]),
    metrics: countMetrics(new Map()),
    clock: () => new Date(time.now()),
    leaseMs: 60_000,
    retentionDays: 30,
  });

  async function consumeQueue(): Promise<void> {
    const arn = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    for (;;) {
      const received = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) {
        return;
      }
      const event: SQSEvent = {
        Records: messages.map((message) => toSqsRecord(message, arn.Attributes?.QueueArn ?? '')),
      };
      const result = await consume(event);
      if (result.batchItemFailures.length > 0) {
        throw new Error(`consumer asked to retry ${result.batchItemFailures.length} messages`);
      }
      for (const message of messages) {
        await aws.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
      }
    }
  }

  return {
    time,
    standIn,
    tableName,
    logs,
    metrics,
    processed,
    run: reconcileOnce,
    consumeQueue,
    async recordCalls(callIds) {
      for (const id of callIds) {
        await aws.dynamodb.send(
          new PutItemCommand({ TableName: tableName, Item: { pk: { S: callKey(id) } } }),
        );
      }
    },
    async readWatermark(agentId) {
      const item = await aws.dynamodb.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: watermarkKey(agentId) } } }),
      );

      return item.Item?.watermark?.S;
    },
    close: () => standIn.close(),
  };
}

function captureLogger(logs: LogLine[]): LoggerPort {
  const at =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      logs.push({ level, message, fields });
      recordFakeLogLine(level, message, fields);
    };

  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  } as unknown as LoggerPort;
}

function countMetrics(counts: Map<string, number>): MetricsPort {
  const port = {
    addMetric(name: string, _unit: string, value: number) {
      counts.set(name, (counts.get(name) ?? 0) + value);

      return port;
    },
  };

  return port as unknown as MetricsPort;
}

function captureHooks(processed: string[]): ActionHooks {
  return {
    async onCallCompleted(payload: CallPayload) {
      const call = (payload as { call?: { id?: string } }).call;
      processed.push(call?.id ?? '');
    },
    async onEmployeeEvent() {},
  };
}
