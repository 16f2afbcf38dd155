import { TransformParameterError } from '@aws-lambda-powertools/parameters/errors';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type GetSecretsOptions,
  WebhookSecretInvalidError,
  type WebhookSecretSource,
  type WebhookSecrets,
  WebhookSecretUnavailableError,
} from './webhook-secret-source';

/** Options of `SecretsManagerWebhookSecretSource`. */
export interface SecretsManagerWebhookSecretSourceOptions {
  /** ARN or name of the secret holding `{"current": "...", "previous": "..."}`. */
  readonly secretId: string;
  readonly client: SecretsManagerClient;
  /** How long a read value is reused, in seconds (`SECRET_CACHE_SECONDS`). */
  readonly cacheSeconds: number;
  /** Minimum time between two forced refreshes, in milliseconds. Default 30000. */
  readonly minForcedRefreshIntervalMs?: number;
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
 * value, reads past the cache at most once per `minForcedRefreshIntervalMs`, so a freshly
 * rotated secret works at once and wrong secrets cannot flood Secrets Manager.
 */
export class SecretsManagerWebhookSecretSource implements WebhookSecretSource {
  private readonly provider: SecretsProvider;
  private readonly minForcedRefreshIntervalMs: number;
  private readonly now: () => number;
  private lastForcedRefreshMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: SecretsManagerWebhookSecretSourceOptions) {
    this.provider = new SecretsProvider({ awsSdkV3Client: options.client });
    this.minForcedRefreshIntervalMs = options.minForcedRefreshIntervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Returns the secrets; throws `WebhookSecretUnavailableError` or `...InvalidError`. */
  async getSecrets(options: GetSecretsOptions = {}): Promise<WebhookSecrets> {
    const forceFetch = options.forceRefresh === true && this.mayForceRefresh();
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
    if (now - this.lastForcedRefreshMs < this.minForcedRefreshIntervalMs) {
      return false;
    }
    this.lastForcedRefreshMs = now;

    return true;
  }
}
