import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Environment } from '../functions/config/read-env';
import { readReconcilerConfig } from '../functions/config/reconciler-config';
import type { LoggerPort } from '../functions/observability/logger';
import type { MetricsPort } from '../functions/observability/metrics';
import type { QueuePort } from '../functions/queue/queue-message';
import { createApiKeySource } from '../functions/reconciler/api-key-source';
import { createReconcilerHandler } from '../functions/reconciler/create-reconciler-handler';
import { ReconcilerLogMessage } from '../functions/reconciler/reconciler-log';
import type { TimePort } from '../functions/talkpilot/time-port';

/** Options of `startReconcileLoop`. */
export interface ReconcileLoopOptions {
  /** Reads `TALKPILOT_BASE_URL`, `TALKPILOT_API_KEY`, `RECONCILE_*` and `TALKPILOT_*`. */
  readonly env: Environment;
  readonly queue: QueuePort;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly logger: LoggerPort;
  /** Metrics of each run; default discards them, since nothing reads them locally. */
  readonly metrics?: MetricsPort;
  readonly fetch?: typeof fetch;
  readonly time?: TimePort;
}

/** Log message of the local loop when a run fails; the next interval tries again. */
export const RECONCILE_LOOP_RUN_FAILED = 'reconcile loop run failed';

/** Log message of the local loop when stopping waits for a run in progress. */
export const RECONCILE_LOOP_STOP_WAITING = 'reconcile loop waiting for run to finish';

// Powertools' addMetric returns the recorder for chaining, which nothing here uses.
const discardMetrics = { addMetric: () => undefined } as unknown as MetricsPort;

/**
 * Runs a reconcile at once and then every `RECONCILE_INTERVAL_SECONDS` (default 900) when
 * `TALKPILOT_BASE_URL` and `TALKPILOT_API_KEY` are set; otherwise logs once that
 * reconciliation is off. Runs never overlap. Returns a function that stops the loop and waits
 * for a run in progress. Throws `ConfigInvalidError` for an invalid variable.
 */
export function startReconcileLoop(options: ReconcileLoopOptions): () => Promise<void> {
  const config = readReconcilerConfig(options.env, { requireAwsResources: false });
  if (config.talkpilot.baseUrl === '' || config.talkpilot.apiKey.kind !== 'static') {
    options.logger.info(ReconcilerLogMessage.notConfigured, {
      reason: 'TALKPILOT_BASE_URL and TALKPILOT_API_KEY are not both set',
    });

    return async () => undefined;
  }

  const reconcileOnce = createReconcilerHandler({
    talkpilot: config.talkpilot,
    apiKey: createApiKeySource(config.talkpilot.apiKey),
    settings: config.settings,
    dynamodb: options.dynamodb,
    tableName: options.tableName,
    queue: options.queue,
    logger: options.logger,
    metrics: options.metrics ?? discardMetrics,
    fetch: options.fetch,
    time: options.time,
  });
  let running: Promise<void> | undefined;
  const startRun = () => {
    // A run still going when the interval fires (a long rate-limit wait) is not doubled.
    running ??= runOnce().finally(() => {
      running = undefined;
    });
  };
  startRun();
  const timer = setInterval(startRun, config.intervalSeconds * 1000);
  timer.unref();

  async function runOnce(): Promise<void> {
    try {
      await reconcileOnce();
    } catch (error) {
      options.logger.error(RECONCILE_LOOP_RUN_FAILED, { error });
    }
  }

  return async () => {
    clearInterval(timer);
    if (running !== undefined) {
      // NOTE: a run cannot be cut short, so this wait lasts up to RECONCILE_TIME_BUDGET_SECONDS.
      options.logger.info(RECONCILE_LOOP_STOP_WAITING);
      await running;
    }
  };
}
