import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ApiKeyConfig } from '../config/reconciler-config';
import type { LoggerPort } from '../observability/logger';
import { LastGoodValue } from '../secrets/last-good-value';
import { isHeaderSafeApiKey, normalizeApiKey } from './api-key-placeholder';
import { ReconcileError } from './reconcile-errors';

export { isHeaderSafeApiKey, normalizeApiKey };

/** Log message of a failed read that the last good API key covered. */
export const API_KEY_REFRESH_FAILED = 'api key refresh failed';

/** Options of `createApiKeySource` for a Secrets Manager secret. */
export interface ApiKeySourceOptions {
  readonly client?: SecretsManagerClient;
  /** How long a read key is reused, in seconds. @default 300 */
  readonly cacheSeconds?: number;
  /** Milliseconds before a new read after a failed one. @default 30000 */
  readonly retryIntervalMs?: number;
  /** Receives `api key refresh failed` warnings. @default - no warnings */
  readonly logger?: Pick<LoggerPort, 'warn'>;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  readonly now?: () => number;
}

/** Returns the API key, or `undefined` when none is configured yet. */
export type ApiKeySource = () => Promise<string | undefined>;

/** The API key secret could not be read. */
export class ReconcileApiKeyUnavailableError extends ReconcileError {
  override readonly name = 'ReconcileApiKeyUnavailableError';

  constructor(
    readonly secretId: string,
    options: { cause: unknown },
  ) {
    super(
      `Reading the TalkPilot API key secret ${secretId} failed; check that it exists and that the function may read it`,
      options,
    );
  }
}

/**
 * The API key contains a line break, a space or a non-ASCII character, which is invalid in an
 * HTTP header. The message names where the key came from, never the key.
 */
export class ReconcileApiKeyInvalidError extends ReconcileError {
  override readonly name = 'ReconcileApiKeyInvalidError';

  constructor(readonly source: string) {
    super(
      `The TalkPilot API key in ${source} contains a line break, space or non-ASCII character, which is invalid in an HTTP header; store the key alone, on one line`,
    );
  }
}

/**
 * Creates the API key source for a configuration: a plain-string Secrets Manager secret cached
 * for `cacheSeconds`, or the static key from the environment. When reading the secret fails
 * after one read succeeded, the source returns the last value read, logs a warning and tries
 * again after `retryIntervalMs`. A stored key that is invalid in a header still throws.
 */
export function createApiKeySource(
  config: ApiKeyConfig,
  options: ApiKeySourceOptions = {},
): ApiKeySource {
  if (config.kind === 'none') {
    return async () => undefined;
  }
  if (config.kind === 'static') {
    const apiKey = normalizeApiKey(config.apiKey);

    return async () => requireHeaderSafe(apiKey, 'TALKPILOT_API_KEY');
  }

  const provider = new SecretsProvider({ awsSdkV3Client: options.client });
  const lastGood = new LastGoodValue<unknown>({
    retryIntervalMs: options.retryIntervalMs ?? 30_000,
    logger: options.logger,
    failureMessage: API_KEY_REFRESH_FAILED,
    now: options.now ?? Date.now,
  });
  const readSecret = async (): Promise<unknown> => {
    try {
      return await provider.get(config.secretArn, { maxAge: options.cacheSeconds ?? 300 });
    } catch (error) {
      throw new ReconcileApiKeyUnavailableError(config.secretArn, { cause: error });
    }
  };

  return async () => {
    const value = await lastGood.read(readSecret);

    return requireHeaderSafe(normalizeApiKey(value), `secret ${config.secretArn}`);
  };
}

function requireHeaderSafe(apiKey: string | undefined, source: string): string | undefined {
  if (apiKey !== undefined && !isHeaderSafeApiKey(apiKey)) {
    throw new ReconcileApiKeyInvalidError(source);
  }

  return apiKey;
}
