import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Environment } from '../functions/config/read-env';
import { WEBHOOK_PATH } from '../functions/ingest/ingest-request';
import { createLogger, type LoggerPort } from '../functions/observability/logger';
import { ServiceName } from '../functions/observability/metric-names';
import { SqsQueue } from '../functions/queue/sqs-queue';
import { startHttpServer } from './http-server';
import type { LocalConfig } from './local-config';
import { createLocalConsumerHandler, createLocalIngestHandler } from './local-handlers';
import { LocalDataDirInUseError } from './local-runtime-errors';
import { drainQueue } from './queue-drain';
import { startReconcileLoop } from './reconcile-loop';
import { createLedgerTable, createQueues, localClientConfig } from './resources';
import {
  readRuntimeEndpoints,
  removeRuntimeEndpoints,
  writeRuntimeEndpoints,
} from './runtime-endpoints';
import { startDynalite } from './servers/dynalite-server';
import { startSqsServer } from './servers/sqs-server';
import { startSqsPoller } from './sqs-poller';
import { loadOrCreateWebhookSecret } from './webhook-secret-file';

/** Name of the ledger table that the runtime creates in dynalite. */
export const LOCAL_TABLE_NAME = 'talkpilot-webhooks-ledger';

/** Name of the calls queue; its DLQ gets the suffix `-dlq`. */
export const LOCAL_QUEUE_NAME = 'talkpilot-webhooks-calls';

/** Service name of the runtime's own log lines (poller and HTTP server errors). */
export const LOCAL_SERVICE_NAME = 'local-runtime';

/** Options of `startLocalRuntime`. */
export interface LocalRuntimeOptions {
  readonly config: LocalConfig;
  /**
   * Variables of the reconcile loop (`TALKPILOT_BASE_URL`, `TALKPILOT_API_KEY`, `RECONCILE_*`).
   * Default: `process.env`.
   */
  readonly env?: Environment;
  /** Creates the logger of one service. Default: the Powertools JSON logger on stdout. */
  readonly createLogger?: (serviceName: string) => LoggerPort;
}

/** A running local pipeline. */
export interface LocalRuntime {
  /** Base URL of the HTTP API, such as `http://127.0.0.1:3000`. */
  readonly url: string;
  /** Full webhook URL with the `secret` query parameter, as TalkPilot would call it. */
  readonly webhookUrl: string;
  readonly secret: string;
  readonly tableName: string;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /**
   * Stops taking webhooks and reconciling, lets the pollers empty the calls queue for up to
   * `config.stopDrainSeconds` (its messages live only in memory) and closes every server.
   */
  stop(): Promise<void>;
}

type Closer = () => Promise<void> | void;

/**
 * Starts the whole pipeline on 127.0.0.1: dynalite with its files under `dataDir/dynamodb`,
 * local-aws-sqs with the calls queue and its DLQ, the ingest handler behind an HTTP API
 * server, a poller that feeds the consumer handler, and the reconcile loop. Throws
 * `LocalDataDirInUseError` when another live runtime uses `config.dataDir`. If a step fails,
 * the parts already started are closed before the error is thrown.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const closers: Closer[] = [];
  try {
    return await startParts(options, closers);
  } catch (error) {
    await closeInReverse(closers);
    throw error;
  }
}

async function startParts(options: LocalRuntimeOptions, closers: Closer[]): Promise<LocalRuntime> {
  const { config } = options;
  const makeLogger = options.createLogger ?? createLogger;
  const runtimeLogger = makeLogger(LOCAL_SERVICE_NAME);
  await rejectDataDirInUse(config.dataDir);
  // Removed last, so a second start finds the folder in use until dynalite has closed it.
  closers.push(() => removeRuntimeEndpoints(config.dataDir));
  const secret = config.webhookSecret ?? (await loadOrCreateWebhookSecret(config.dataDir));

  const dynamodbPath = join(config.dataDir, 'dynamodb');
  await mkdir(dynamodbPath, { recursive: true });
  const dynamoServer = await startDynalite({ port: config.dynamodbPort, path: dynamodbPath });
  closers.push(() => dynamoServer.close());
  const sqsServer = await startSqsServer(config.sqsPort);
  closers.push(() => sqsServer.close());

  const dynamodb = new DynamoDBClient(localClientConfig(dynamoServer.endpoint));
  const sqs = new SQSClient(localClientConfig(sqsServer.endpoint));
  closers.push(() => {
    dynamodb.destroy();
    sqs.destroy();
  });
  await createLedgerTable(dynamodb, LOCAL_TABLE_NAME);
  const queues = await createQueues(sqs, {
    queueName: LOCAL_QUEUE_NAME,
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    maxReceiveCount: config.maxReceiveCount,
  });

  const consumer = createLocalConsumerHandler({
    dynamodb,
    tableName: LOCAL_TABLE_NAME,
    config: config.consumer,
    logger: makeLogger(ServiceName.consumer),
  });
  const poller = await startSqsPoller({
    sqs,
    queueUrl: queues.queueUrl,
    handler: consumer,
    logger: runtimeLogger,
    concurrency: config.pollerConcurrency,
  });
  closers.push(() => poller.stop());
  // Runs after the HTTP server and the reconcile loop have stopped adding messages.
  closers.push(async () => {
    await drainQueue({
      sqs,
      queueUrl: queues.queueUrl,
      logger: runtimeLogger,
      timeoutMs: config.stopDrainSeconds * 1000,
    });
  });

  const reconcilerLogger = makeLogger(ServiceName.reconciler);
  const stopReconciler = startReconcileLoop({
    env: options.env ?? process.env,
    queue: new SqsQueue(sqs, { queueUrl: queues.queueUrl, logger: reconcilerLogger }),
    dynamodb,
    tableName: LOCAL_TABLE_NAME,
    logger: reconcilerLogger,
  });
  closers.push(stopReconciler);

  const ingest = createLocalIngestHandler({
    sqs,
    queueUrl: queues.queueUrl,
    secrets: { current: secret, previous: config.webhookSecretPrevious },
    config: config.ingest,
    logger: makeLogger(ServiceName.ingest),
  });
  const server = await startHttpServer({
    port: config.port,
    routes: [{ method: 'ANY', path: WEBHOOK_PATH, handler: ingest }],
    logger: runtimeLogger,
  });
  closers.push(() => server.close());
  await writeRuntimeEndpoints(config.dataDir, {
    sqsEndpoint: sqsServer.endpoint,
    dynamodbEndpoint: dynamoServer.endpoint,
    pid: process.pid,
  });

  return {
    url: server.url,
    webhookUrl: `${server.url}${WEBHOOK_PATH}?secret=${encodeURIComponent(secret)}`,
    secret,
    tableName: LOCAL_TABLE_NAME,
    queueUrl: queues.queueUrl,
    deadLetterQueueUrl: queues.deadLetterQueueUrl,
    stop: once(() => closeInReverse(closers)),
  };
}

/**
 * Closes the parts last-started first: the HTTP server, the reconciler, the queue drain, the
 * poller, the servers and the endpoints file.
 */
async function closeInReverse(closers: readonly Closer[]): Promise<void> {
  for (const close of [...closers].reverse()) {
    await close();
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;

  return () => {
    running ??= action();

    return running;
  };
}

async function rejectDataDirInUse(dataDir: string): Promise<void> {
  const running = await readRuntimeEndpoints(dataDir);
  if (running !== undefined) {
    throw new LocalDataDirInUseError(dataDir, running.pid);
  }
}
