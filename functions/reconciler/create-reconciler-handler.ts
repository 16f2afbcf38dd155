import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TalkPilotClientConfig } from '../config/reconciler-config';
import { findRecordedCalls } from '../ledger/find-recorded-calls';
import type { LoggerPort } from '../observability/logger';
import type { MetricsPort } from '../observability/metrics';
import type { QueuePort } from '../queue/queue-message';
import { createLedgerRateStateStore } from '../talkpilot/ledger-rate-state-store';
import { createRateLimiter } from '../talkpilot/rate-limiter';
import { createTalkPilotClient } from '../talkpilot/talkpilot-client';
import { systemTime, type TimePort } from '../talkpilot/time-port';
import type { ApiKeySource } from './api-key-source';
import { type ReconcileResult, reconcile } from './reconcile';
import type { ReconcileSettings } from './reconcile-settings';
import { ReconcilerLogMessage } from './reconciler-log';
import { createLedgerWatermarkStore } from './watermark-store';

/** Dependencies of the reconciler handler; the Lambda and the local loop pass their own. */
export interface ReconcilerHandlerDeps {
  readonly talkpilot: Omit<TalkPilotClientConfig, 'apiKey'>;
  readonly apiKey: ApiKeySource;
  readonly settings: ReconcileSettings;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly queue: QueuePort;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  readonly fetch?: typeof fetch;
  readonly time?: TimePort;
  readonly random?: () => number;
  /** Returns the id of a new run; defaults to a random UUID. */
  readonly createRunId?: () => string;
}

/** Runs one reconcile; resolves to `undefined` when the reconciler is not configured. */
export type ReconcilerHandler = () => Promise<ReconcileResult | undefined>;

/**
 * Creates the reconciler handler: reads the API key, builds a client whose rate limit is shared
 * through the ledger table, and runs `reconcile`. Without a base URL or key it logs once, at
 * info, and returns quietly on every run.
 */
export function createReconcilerHandler(deps: ReconcilerHandlerDeps): ReconcilerHandler {
  const time = deps.time ?? systemTime;
  let notConfiguredLogged = false;

  return async () => {
    const apiKey = deps.talkpilot.baseUrl === '' ? undefined : await deps.apiKey();
    if (apiKey === undefined) {
      if (!notConfiguredLogged) {
        deps.logger.info(ReconcilerLogMessage.notConfigured, { reason: 'api_key_or_base_url' });
        notConfiguredLogged = true;
      }

      return undefined;
    }

    const store = createLedgerRateStateStore({
      dynamodb: deps.dynamodb,
      tableName: deps.tableName,
      apiKey,
      time,
    });
    const client = createTalkPilotClient({
      baseUrl: deps.talkpilot.baseUrl,
      apiKey,
      rateLimiter: createRateLimiter(store, deps.talkpilot.rateLimits, time),
      fetch: deps.fetch,
      time,
      timeoutMs: deps.talkpilot.requestTimeoutMs,
      maxRetries: deps.talkpilot.maxRetries,
      random: deps.random,
    });
    const ledgerOptions = { dynamodb: deps.dynamodb, tableName: deps.tableName };

    return reconcile({
      client,
      findRecordedCalls: (calls) => findRecordedCalls(calls, ledgerOptions),
      watermarks: createLedgerWatermarkStore(ledgerOptions),
      queue: deps.queue,
      logger: deps.logger,
      metrics: deps.metrics,
      now: () => time.now(),
      settings: deps.settings,
      runId: (deps.createRunId ?? randomUUID)(),
    });
  };
}
