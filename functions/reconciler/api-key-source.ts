import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ApiKeyConfig } from '../config/reconciler-config';
import { normalizeApiKey } from './api-key-placeholder';
import { ReconcileError } from './reconcile-errors';

export { normalizeApiKey };

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
 * Creates the API key source for a configuration: a plain-string Secrets Manager secret cached
 * for `cacheSeconds`, or the static key from the environment.
 */
export function createApiKeySource(
  config: ApiKeyConfig,
  options: { client?: SecretsManagerClient; cacheSeconds?: number } = {},
): ApiKeySource {
  if (config.kind === 'none') {
    return async () => undefined;
  }
  if (config.kind === 'static') {
    const apiKey = normalizeApiKey(config.apiKey);

    return async () => apiKey;
  }

  const provider = new SecretsProvider({ awsSdkV3Client: options.client });

  return async () => {
    try {
      const value = await provider.get(config.secretArn, { maxAge: options.cacheSeconds ?? 300 });

      return normalizeApiKey(value);
    } catch (error) {
      throw new ReconcileApiKeyUnavailableError(config.secretArn, { cause: error });
    }
  };
}
