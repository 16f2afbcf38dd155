import { isHeaderSafeApiKey, normalizeApiKey } from '../reconciler/api-key-placeholder';
import type { ReconcileSettings } from '../reconciler/reconcile-settings';
import type { RateLimits } from '../talkpilot/rate-window';
import { type Environment, EnvironmentReader } from './read-env';

/** Environment variables of the reconciler. */
export const ReconcilerEnv = {
  queueUrl: 'QUEUE_URL',
  ledgerTableName: 'LEDGER_TABLE_NAME',
  baseUrl: 'TALKPILOT_BASE_URL',
  apiKeySecretArn: 'TALKPILOT_API_KEY_SECRET_ARN',
  apiKey: 'TALKPILOT_API_KEY',
  ratePerMinute: 'RECONCILE_RATE_PER_MINUTE',
  ratePerHour: 'RECONCILE_RATE_PER_HOUR',
  timeBudgetSeconds: 'RECONCILE_TIME_BUDGET_SECONDS',
  lookbackHours: 'RECONCILE_LOOKBACK_HOURS',
  overlapMinutes: 'RECONCILE_OVERLAP_MINUTES',
  settleDelayMinutes: 'RECONCILE_SETTLE_DELAY_MINUTES',
  graceMinutes: 'RECONCILE_GRACE_MINUTES',
  sliceMinutes: 'RECONCILE_SLICE_MINUTES',
  requestTimeoutMs: 'TALKPILOT_REQUEST_TIMEOUT_MS',
  maxRetries: 'TALKPILOT_MAX_RETRIES',
  intervalSeconds: 'RECONCILE_INTERVAL_SECONDS',
} as const;

/** Where the API key comes from: a Secrets Manager secret in AWS, a variable locally. */
export type ApiKeyConfig =
  | { readonly kind: 'secrets-manager'; readonly secretArn: string }
  | { readonly kind: 'static'; readonly apiKey: string }
  | { readonly kind: 'none' };

/** Settings of the TalkPilot client. */
export interface TalkPilotClientConfig {
  /** Empty when unset; the reconciler is then off. */
  readonly baseUrl: string;
  readonly apiKey: ApiKeyConfig;
  readonly rateLimits: RateLimits;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
}

/** Validated configuration of the reconciler. */
export interface ReconcilerConfig {
  readonly queueUrl: string;
  readonly ledgerTableName: string;
  readonly talkpilot: TalkPilotClientConfig;
  readonly settings: ReconcileSettings;
  /** Seconds between runs of the local loop; the AWS schedule is set by the stack. */
  readonly intervalSeconds: number;
}

const MINUTE_MS = 60_000;

/**
 * Reads and validates the TalkPilot client settings; shared by the reconciler and the local
 * loop. `TALKPILOT_API_KEY_SECRET_ARN` wins over `TALKPILOT_API_KEY` when both are set.
 */
export function readTalkPilotClientConfig(reader: EnvironmentReader): TalkPilotClientConfig {
  const baseUrl = reader.optionalString(ReconcilerEnv.baseUrl, '') ?? '';
  if (baseUrl !== '' && !URL.canParse(baseUrl)) {
    reader.addProblem(`${ReconcilerEnv.baseUrl} must be an absolute URL ending in /v1`);
  }
  const secretArn = reader.optionalString(ReconcilerEnv.apiKeySecretArn);
  const apiKey = reader.optionalString(ReconcilerEnv.apiKey);
  const normalizedKey = normalizeApiKey(apiKey);
  if (!secretArn && normalizedKey !== undefined && !isHeaderSafeApiKey(normalizedKey)) {
    // The problem never quotes the value: it is a secret.
    reader.addProblem(
      `${ReconcilerEnv.apiKey} contains a line break, space or non-ASCII character, which is invalid in an HTTP header; set the key alone`,
    );
  }

  return {
    baseUrl,
    apiKey: secretArn
      ? { kind: 'secrets-manager', secretArn }
      : apiKey
        ? { kind: 'static', apiKey }
        : { kind: 'none' },
    rateLimits: {
      perMinute: reader.integer(ReconcilerEnv.ratePerMinute, 60, { min: 1, max: 10_000 }),
      perHour: reader.integer(ReconcilerEnv.ratePerHour, 1000, { min: 1, max: 1_000_000 }),
    },
    requestTimeoutMs: reader.integer(ReconcilerEnv.requestTimeoutMs, 10_000, {
      min: 100,
      max: 60_000,
    }),
    maxRetries: reader.integer(ReconcilerEnv.maxRetries, 3, { min: 0, max: 10 }),
  };
}

function readSettings(reader: EnvironmentReader): ReconcileSettings {
  return {
    lookbackMs:
      reader.integer(ReconcilerEnv.lookbackHours, 24, { min: 1, max: 24 * 90 }) * 60 * MINUTE_MS,
    overlapMs:
      reader.integer(ReconcilerEnv.overlapMinutes, 15, { min: 0, max: 24 * 60 }) * MINUTE_MS,
    settleDelayMs:
      reader.integer(ReconcilerEnv.settleDelayMinutes, 10, { min: 0, max: 24 * 60 }) * MINUTE_MS,
    graceMs: reader.integer(ReconcilerEnv.graceMinutes, 5, { min: 0, max: 24 * 60 }) * MINUTE_MS,
    sliceMs: reader.integer(ReconcilerEnv.sliceMinutes, 60, { min: 1, max: 24 * 60 }) * MINUTE_MS,
    timeBudgetMs:
      reader.integer(ReconcilerEnv.timeBudgetSeconds, 600, { min: 10, max: 840 }) * 1000,
    unknownDurationMs: 60 * MINUTE_MS,
  };
}

/** Reads and validates the reconciler configuration; throws `ConfigInvalidError` listing all. */
export function readReconcilerConfig(
  env: Environment,
  options: { requireAwsResources?: boolean } = {},
): ReconcilerConfig {
  const reader = new EnvironmentReader(env);
  const requireAws = options.requireAwsResources ?? true;
  const config: ReconcilerConfig = {
    queueUrl: requireAws
      ? reader.requireString(ReconcilerEnv.queueUrl)
      : (reader.optionalString(ReconcilerEnv.queueUrl) ?? ''),
    ledgerTableName: requireAws
      ? reader.requireString(ReconcilerEnv.ledgerTableName)
      : (reader.optionalString(ReconcilerEnv.ledgerTableName) ?? ''),
    talkpilot: readTalkPilotClientConfig(reader),
    settings: readSettings(reader),
    intervalSeconds: reader.integer(ReconcilerEnv.intervalSeconds, 900, { min: 10, max: 86_400 }),
  };
  reader.finish();

  return config;
}
