import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createConsumerHandler } from '../../../functions/consumer/create-consumer-handler';
import type { ActionHooks, HookContext } from '../../../functions/hooks/on-call';
import {
  createIngestHandler,
  type IngestHandler,
} from '../../../functions/ingest/create-ingest-handler';
import { WEBHOOK_PATH } from '../../../functions/ingest/ingest-request';
import { DedupeLedger } from '../../../functions/ledger/dedupe-ledger';
import { QuarantineStore } from '../../../functions/ledger/quarantine-store';
import type { LoggerPort } from '../../../functions/observability/logger';
import { SqsQueue } from '../../../functions/queue/sqs-queue';
import { createStaticWebhookSecretSource } from '../../../functions/secrets/static-webhook-secret-source';
import { startHttpServer } from '../../../local/http-server';
import { discardedMetrics } from '../../../local/local-handlers';
import { startSqsPoller } from '../../../local/sqs-poller';
import type { HardeningAws } from './hardening-aws';
import { callIdOf, HARDENING_PREVIOUS_SECRET, HARDENING_SECRET } from './hardening-payloads';
import { createQuietLogger, type QuietLogger } from './quiet-logger';

/** Options of `startHardeningPipeline`. */
export interface HardeningPipelineOptions {
  /** Client of the consumer's ledger; default the file's shared client. */
  readonly dynamodb?: DynamoDBClient;
  /** Client of the ingest handler's queue; default the file's shared client. */
  readonly ingestSqs?: SQSClient;
  /** Runs inside the call hook after the run is counted; may throw or wait. */
  readonly hookBehaviour?: (callId: string, context: HookContext) => Promise<void>;
  readonly leaseMs?: number;
  readonly pollerConcurrency?: number;
  /** Serves the ingest handler on a local HTTP API server as well. */
  readonly http?: boolean;
  /** Logger of the ingest handler and of the consumer; default one quiet logger for all. */
  readonly loggers?: { readonly ingest: LoggerPort; readonly consumer: LoggerPort };
}

/** The ingest handler, SQS, the poller and the consumer over dynalite, as `npm start` wires them. */
export interface HardeningPipeline {
  readonly ingest: IngestHandler;
  /** Webhook URL with the secret, when started with `http`. */
  readonly webhookUrl: string;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** Hook runs per call id. */
  readonly hookRuns: Map<string, number>;
  readonly logger: QuietLogger;
  /** Time each consumer invocation took, in milliseconds. */
  readonly consumerDurationsMs: number[];
  /** Waits until every id has run its hook and the queue is empty; bounded by `timeoutMs`. */
  settle(callIds: ReadonlySet<string>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a pipeline on fresh resources of `aws`. */
export async function startHardeningPipeline(
  aws: HardeningAws,
  options: HardeningPipelineOptions = {},
): Promise<HardeningPipeline> {
  const tableName = await aws.createTable();
  const queues = await aws.createQueues();
  const logger = createQuietLogger();
  const hookRuns = new Map<string, number>();
  const consumerDurationsMs: number[] = [];
  const ingest = createIngestHandler({
    queue: new SqsQueue(options.ingestSqs ?? aws.sqs, {
      queueUrl: queues.queueUrl,
      baseBackoffMs: 5,
      logger,
    }),
    secrets: createStaticWebhookSecretSource({
      current: HARDENING_SECRET,
      previous: HARDENING_PREVIOUS_SECRET,
    }),
    logger: options.loggers?.ingest ?? logger,
    metrics: discardedMetrics,
    maxMessageBytes: 1_048_576,
  });
  const client = options.dynamodb ?? aws.dynamodb;
  const consumer = createConsumerHandler({
    ledger: new DedupeLedger({ client, tableName }),
    quarantine: new QuarantineStore({ client, tableName }),
    hooks: countingHooks(hookRuns, options.hookBehaviour),
    logger: options.loggers?.consumer ?? logger,
    metrics: discardedMetrics,
    clock: () => new Date(),
    leaseMs: options.leaseMs ?? 60_000,
    retentionDays: 30,
  });
  const poller = await startSqsPoller({
    sqs: aws.sqs,
    queueUrl: queues.queueUrl,
    handler: async (event) => {
      const start = performance.now();
      const response = await consumer(event);
      consumerDurationsMs.push(performance.now() - start);

      return response;
    },
    logger,
    concurrency: options.pollerConcurrency ?? 4,
    idleDelayMs: 20,
    errorDelayMs: 100,
  });
  const server = options.http
    ? await startHttpServer({
        port: 0,
        routes: [{ method: 'POST', path: WEBHOOK_PATH, handler: ingest }],
        logger,
      })
    : undefined;

  return {
    ingest,
    webhookUrl: server ? `${server.url}${WEBHOOK_PATH}?secret=${HARDENING_SECRET}` : '',
    queueUrl: queues.queueUrl,
    deadLetterQueueUrl: queues.deadLetterQueueUrl,
    hookRuns,
    logger,
    consumerDurationsMs,
    settle: (callIds, timeoutMs = 60_000) =>
      settle(aws, queues.queueUrl, hookRuns, callIds, timeoutMs),
    async stop() {
      await server?.close();
      await poller.stop();
    },
  };
}

function countingHooks(
  hookRuns: Map<string, number>,
  behaviour: HardeningPipelineOptions['hookBehaviour'],
): ActionHooks {
  return {
    async onCallCompleted(payload, context) {
      const callId = callIdOf(payload);
      hookRuns.set(callId, (hookRuns.get(callId) ?? 0) + 1);
      await behaviour?.(callId, context);
    },
    async onEmployeeEvent() {},
  };
}

async function settle(
  aws: HardeningAws,
  queueUrl: string,
  hookRuns: ReadonlyMap<string, number>,
  callIds: ReadonlySet<string>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const allRan = [...callIds].every((id) => (hookRuns.get(id) ?? 0) > 0);
    if (allRan && (await aws.countQueued(queueUrl)) === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const missing = [...callIds].filter((id) => !hookRuns.has(id)).length;
  throw new Error(`pipeline did not settle in ${timeoutMs} ms: ${missing} calls never processed`);
}
