import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { defaultActionHooks } from '../../functions/hooks/on-call';
import { createLogger } from '../../functions/observability/logger';
import { ConsumerMetric, ServiceName } from '../../functions/observability/metric-names';
import { createMetrics, MetricUnit } from '../../functions/observability/metrics';
import { type HardeningAws, startHardeningAws } from '../../test/hardening/support/hardening-aws';
import { buildCallBody, HARDENING_SECRET } from '../../test/hardening/support/hardening-payloads';
import {
  type HardeningPipeline,
  startHardeningPipeline,
} from '../../test/hardening/support/hardening-pipeline';
import { buildWebhookEvent } from '../../test/ingest/support/webhook-event';
import { type CallCounts, costPerMillion } from './cost';
import { type Figure, quantile } from './figures';

const CALLS = 50;

type Counter = Map<string, number>;

function countCommands(
  client: Pick<DynamoDBClient | SQSClient, 'middlewareStack'>,
  counter: Counter,
): void {
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? '');
      counter.set(name, (counter.get(name) ?? 0) + 1);

      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
}

function sum(counter: Counter, names: readonly string[]): number {
  return names.reduce((total, name) => total + (counter.get(name) ?? 0), 0);
}

async function sendAll(
  pipeline: HardeningPipeline,
  callIds: readonly string[],
  agentId?: string,
): Promise<number[]> {
  const durations: number[] = [];
  for (const callId of callIds) {
    const body = buildCallBody(callId, 0, agentId);
    const event = buildWebhookEvent({ body, secret: HARDENING_SECRET });
    const start = performance.now();
    await pipeline.ingest(event);
    durations.push(performance.now() - start);
  }

  return durations;
}

/** Counts AWS calls per new and duplicate webhook in a real local run, and prices them. */
export async function measureAwsCalls(): Promise<{ figures: Figure[]; counts: CallCounts }> {
  const aws = await startHardeningAws();
  const ingestSqs = aws.newSqsClient();
  const dynamodb = aws.newDynamoDbClient();
  const sqsCounter: Counter = new Map();
  const pollerCounter: Counter = new Map();
  const dynamoCounter: Counter = new Map();
  countCommands(ingestSqs, sqsCounter);
  countCommands(aws.sqs, pollerCounter);
  countCommands(dynamodb, dynamoCounter);
  const pipeline = await startHardeningPipeline(aws, { ingestSqs, dynamodb, pollerConcurrency: 1 });
  const callIds = Array.from({ length: CALLS }, (_, index) => `bench-call-${index}`);

  const ingestMs = await sendAll(pipeline, callIds);
  await pipeline.settle(new Set(callIds));
  const newCalls = new Map(dynamoCounter);
  dynamoCounter.clear();
  await sendAll(pipeline, callIds);
  await pipeline.settle(new Set(callIds));
  const duplicates = new Map(dynamoCounter);
  await pipeline.stop();

  const counts: CallCounts = {
    sqsSendsPerWebhook:
      sum(sqsCounter, ['SendMessageBatchCommand', 'SendMessageCommand']) / (2 * CALLS),
    sqsReceivesAndDeletesPerWebhook:
      sum(pollerCounter, ['ReceiveMessageCommand', 'DeleteMessageBatchCommand']) / (2 * CALLS),
    writesPerNewCall:
      sum(newCalls, ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']) / CALLS,
    readsPerNewCall: sum(newCalls, ['GetItemCommand']) / CALLS,
    writesPerDuplicate:
      sum(duplicates, ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']) / CALLS,
    readsPerDuplicateLocal: sum(duplicates, ['GetItemCommand']) / CALLS,
    ingestMs: quantile(ingestMs, 0.5),
    consumerMsPerMessage:
      pipeline.consumerDurationsMs.reduce((total, ms) => total + ms, 0) / (2 * CALLS),
    ...(await measureLogBytes(aws)),
  };
  await aws.stop();

  return { figures: toFigures(counts), counts };
}

function toFigures(counts: CallCounts): Figure[] {
  const cost = costPerMillion(counts);

  return [
    {
      name: 'SQS sends at ingest per webhook',
      value: counts.sqsSendsPerWebhook,
      unit: 'requests',
      goal: '1',
      met: counts.sqsSendsPerWebhook === 1,
    },
    {
      name: 'SQS receives and deletes per webhook (local poller, batches up to 10)',
      value: counts.sqsReceivesAndDeletesPerWebhook,
      unit: 'requests',
    },
    {
      name: 'DynamoDB writes per new call',
      value: counts.writesPerNewCall,
      unit: 'requests',
      goal: '2',
      met: counts.writesPerNewCall === 2,
    },
    {
      name: 'DynamoDB reads per new call',
      value: counts.readsPerNewCall,
      unit: 'requests',
      goal: '0',
      met: counts.readsPerNewCall === 0,
    },
    {
      name: 'DynamoDB writes per duplicate',
      value: counts.writesPerDuplicate,
      unit: 'requests',
      goal: '1',
      met: counts.writesPerDuplicate === 1,
    },
    {
      name: 'DynamoDB reads per duplicate, local (dynalite lacks ALL_OLD on condition failure)',
      value: counts.readsPerDuplicateLocal,
      unit: 'requests',
    },
    {
      name: 'DynamoDB reads per duplicate, AWS (conflicting item comes back with the error)',
      value: 0,
      unit: 'requests',
      goal: '0',
      met: true,
      note: 'derived: the local GetItem replaces the ALL_OLD item',
    },
    { name: 'ingest invocation, local, median', value: counts.ingestMs, unit: 'ms' },
    {
      name: 'consumer time per message, local, mean',
      value: counts.consumerMsPerMessage,
      unit: 'ms',
    },
    {
      name: 'cost per million webhooks without logs',
      value: cost.total,
      unit: 'USD',
      goal: '<= 2.50 USD',
      met: cost.total <= 2.5,
      note: cost.breakdown,
    },
    {
      name: 'log line bytes per processed call (ingest, consumer, default hook)',
      value: counts.logLineBytesPerCall,
      unit: 'bytes',
    },
    {
      name: 'log bytes per processed call, one call per consumer batch (lines + metric line)',
      value: counts.logLineBytesPerCall + counts.metricBytesPerBatchOfOne,
      unit: 'bytes',
      goal: '<= 600',
      met: counts.logLineBytesPerCall + counts.metricBytesPerBatchOfOne <= 600,
    },
    {
      name: 'log bytes per processed call, ten calls per consumer batch',
      value: counts.logLineBytesPerCall + counts.metricBytesPerCallInBatchOfTen,
      unit: 'bytes',
      goal: '<= 600',
      met: counts.logLineBytesPerCall + counts.metricBytesPerCallInBatchOfTen <= 600,
    },
  ];
}

/**
 * Runs one call through a pipeline with the real Powertools loggers at their default level
 * (INFO) and the default action hook, and counts the bytes they write. The consumer's
 * embedded-metric line is measured apart, for a batch of one call and of ten.
 */
async function measureLogBytes(aws: HardeningAws) {
  const pipeline = await startHardeningPipeline(aws, {
    loggers: {
      ingest: createLogger(ServiceName.ingest),
      consumer: createLogger(ServiceName.consumer),
    },
    // The default hook ignores the payload and writes its one line from the context.
    hookBehaviour: (_callId, context) => defaultActionHooks.onCallCompleted({} as never, context),
  });
  // UUIDs, as TalkPilot's call and agent ids are, so the ids weigh what they weigh in AWS.
  const callId = randomUUID();
  const logLineBytesPerCall = await countStdoutBytes(async () => {
    await sendAll(pipeline, [callId], randomUUID());
    await pipeline.settle(new Set([callId]));
  });
  await pipeline.stop();

  return {
    logLineBytesPerCall,
    metricBytesPerBatchOfOne: await measureMetricLineBytes(1),
    metricBytesPerCallInBatchOfTen: (await measureMetricLineBytes(10)) / 10,
  };
}

/** Bytes of the consumer's embedded-metric line after a batch of `calls` processed calls. */
async function measureMetricLineBytes(calls: number): Promise<number> {
  const metrics = createMetrics(ServiceName.consumer);
  for (let call = 0; call < calls; call += 1) {
    metrics.addMetric(ConsumerMetric.processed, MetricUnit.Count, 1);
  }

  return countStdoutBytes(async () => {
    metrics.publishStoredMetrics();
  });
}

async function countStdoutBytes(work: () => Promise<void>): Promise<number> {
  let bytes = 0;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    bytes += Buffer.byteLength(chunk);

    return true;
  }) as typeof process.stdout.write;
  try {
    await work();
  } finally {
    process.stdout.write = write;
  }

  return bytes;
}
