import { TransformParameterError } from '@aws-lambda-powertools/parameters/errors';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LoggerPort } from '../observability/logger';
import { LastGoodValue } from './last-good-value';
import {
  type GetSecretsOptions,
  WebhookSecretInvalidError,
  type WebhookSecretSource,
  type WebhookSecrets,
  WebhookSecretUnavailableError,
} from './webhook-secret-source';

/** Log message of a failed read that the last good secrets covered. */
export const WEBHOOK_SECRET_REFRESH_FAILED = 'webhook secret refresh failed';

/** Options of `SecretsManagerWebhookSecretSource`. */
export interface SecretsManagerWebhookSecretSourceOptions {
  /** ARN or name of the secret holding `{"current": "...", "previous": "..."}`. */
  readonly secretId: string;
  readonly client: SecretsManagerClient;
  /** How long a read value is reused, in seconds (`SECRET_CACHE_SECONDS`). */
  readonly cacheSeconds: number;
  /**
   * Minimum time between two reads past the cache, in milliseconds: forced refreshes, and new
   * tries after a failed read. Default 30000.
   */
  readonly minRefreshIntervalMs?: number;
  /** Receives `webhook secret refresh failed` warnings. @default - no warnings */
  readonly logger?: Pick<LoggerPort, 'warn'>;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  readonly now?: () => number;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function toWebhookSecrets(value: unknown, secretId: string): WebhookSecrets {
  if (typeof value !== 'object' || value === null) {
    throw new WebhookSecretInvalidError(secretId);
  }
  const { current, previous } = value as Record<string, unknown>;
  if (typeof current !== 'string' || current === '' || !isOptionalString(previous)) {
    throw new WebhookSecretInvalidError(secretId);
  }

  return typeof previous === 'string' && previous !== '' ? { current, previous } : { current };
}

/**
 * Reads the webhook secrets from Secrets Manager through Powertools parameters, which caches
 * the value for `cacheSeconds`. A forced refresh, asked for after a secret matched neither
 * value, reads past the cache at most once per `minRefreshIntervalMs`, so a freshly rotated
 * secret works at once and wrong secrets cannot flood Secrets Manager.
 *
 * When a read fails after one succeeded (Secrets Manager unreachable, or a value that is no
 * longer valid JSON), the source keeps returning the last good secrets, logs a warning and
 * tries again after `minRefreshIntervalMs`. Only a failure before any good read throws.
 */
export class SecretsManagerWebhookSecretSource implements WebhookSecretSource {
  private readonly provider: SecretsProvider;
  private readonly lastGood: LastGoodValue<WebhookSecrets>;
  private readonly minRefreshIntervalMs: number;
  private readonly now: () => number;
  private lastForcedRefreshMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: SecretsManagerWebhookSecretSourceOptions) {
    this.provider = new SecretsProvider({ awsSdkV3Client: options.client });
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.lastGood = new LastGoodValue({
      retryIntervalMs: this.minRefreshIntervalMs,
      logger: options.logger,
      failureMessage: WEBHOOK_SECRET_REFRESH_FAILED,
      now: this.now,
    });
  }

  /**
   * Returns the secrets. Throws `WebhookSecretUnavailableError` or `WebhookSecretInvalidError`
   * only while no read has succeeded yet.
   */
  async getSecrets(options: GetSecretsOptions = {}): Promise<WebhookSecrets> {
    return this.lastGood.read(() => this.readSecrets(options.forceRefresh === true));
  }

  private async readSecrets(forceRefresh: boolean): Promise<WebhookSecrets> {
    const forceFetch = forceRefresh && this.mayForceRefresh();
    let value: unknown;
    try {
      value = await this.provider.get(this.options.secretId, {
        maxAge: this.options.cacheSeconds,
        transform: 'json',
        forceFetch,
      });
    } catch (error) {
      if (error instanceof TransformParameterError) {
        throw new WebhookSecretInvalidError(this.options.secretId);
      }
      throw new WebhookSecretUnavailableError(this.options.secretId, { cause: error });
    }

    return toWebhookSecrets(value, this.options.secretId);
  }

  private mayForceRefresh(): boolean {
    const now = this.now();
    if (now - this.lastForcedRefreshMs < this.minRefreshIntervalMs) {
      return false;
    }
    this.lastForcedRefreshMs = now;

    return true;
  }
}
