import {
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';

/** HTTP limits of a Secrets Manager client. */
export interface SecretsManagerClientLimits {
  /** Milliseconds to open the connection. */
  readonly connectionTimeoutMs: number;
  /** Milliseconds for one request, counted from its start, connection included. */
  readonly requestTimeoutMs: number;
  /** Tries per call, the first included. */
  readonly maxAttempts: number;
}

/**
 * Limits for a client in a request path: 2 s per request and two tries, so a hung call costs
 * about 4 s plus the SDK's retry delay, well below the ingest Lambda's 10 s timeout.
 */
export const defaultSecretsManagerClientLimits: SecretsManagerClientLimits = {
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  maxAttempts: 2,
};

/**
 * Creates a Secrets Manager client that gives up after `limits`; `config` adds to it. It sets
 * `throwOnRequestTimeout` because @smithy/node-http-handler 4.x otherwise only logs a warning
 * when `requestTimeout` passes and keeps waiting.
 */
export function createSecretsManagerClient(
  config: SecretsManagerClientConfig = {},
  limits: SecretsManagerClientLimits = defaultSecretsManagerClientLimits,
): SecretsManagerClient {
  return new SecretsManagerClient({
    maxAttempts: limits.maxAttempts,
    requestHandler: {
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...config,
  });
}
