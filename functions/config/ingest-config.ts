import { createSourceIpAllowlist } from '../ingest/source-ip-allowlist';
import { type Environment, EnvironmentReader } from './read-env';

/** Environment variables of the ingest handler. */
export const IngestEnv = {
  queueUrl: 'QUEUE_URL',
  webhookSecretArn: 'WEBHOOK_SECRET_ARN',
  webhookSecret: 'WEBHOOK_SECRET',
  webhookSecretPrevious: 'WEBHOOK_SECRET_PREVIOUS',
  allowedSourceCidrs: 'ALLOWED_SOURCE_CIDRS',
  secretCacheSeconds: 'SECRET_CACHE_SECONDS',
  maxMessageBytes: 'MAX_MESSAGE_BYTES',
  queueSendDeadlineMs: 'QUEUE_SEND_DEADLINE_MS',
} as const;

/** Source of the webhook secrets: Secrets Manager in AWS, environment variables locally. */
export type WebhookSecretConfig =
  | { readonly kind: 'secrets-manager'; readonly secretArn: string }
  | { readonly kind: 'static'; readonly current: string; readonly previous?: string };

/** Validated configuration of the ingest handler. */
export interface IngestConfig {
  readonly queueUrl: string;
  readonly secret: WebhookSecretConfig;
  readonly allowedSourceCidrs: readonly string[];
  /** How long the Secrets Manager value is cached, in seconds. Default 300. */
  readonly secretCacheSeconds: number;
  /** Largest queue message in bytes. Default and maximum 1048576, SQS's limit. */
  readonly maxMessageBytes: number;
  /** Time allowed for queueing one webhook, retries included, in ms. Default 2500. */
  readonly queueSendDeadlineMs: number;
}

function readSecretConfig(reader: EnvironmentReader): WebhookSecretConfig {
  const secretArn = reader.optionalString(IngestEnv.webhookSecretArn);
  if (secretArn !== undefined) {
    return { kind: 'secrets-manager', secretArn };
  }
  const current = reader.optionalString(IngestEnv.webhookSecret);
  if (current === undefined) {
    reader.addProblem(`${IngestEnv.webhookSecretArn} or ${IngestEnv.webhookSecret} must be set`);

    return { kind: 'static', current: '' };
  }
  const previous = reader.optionalString(IngestEnv.webhookSecretPrevious);

  return previous === undefined
    ? { kind: 'static', current }
    : { kind: 'static', current, previous };
}

function readSourceCidrs(reader: EnvironmentReader): string[] {
  const cidrs = reader.list(IngestEnv.allowedSourceCidrs);
  try {
    createSourceIpAllowlist(cidrs);
  } catch (error) {
    reader.addProblem(`${IngestEnv.allowedSourceCidrs}: ${(error as Error).message}`);
  }

  return cidrs;
}

/**
 * Reads and validates the ingest configuration; throws `ConfigInvalidError` listing every
 * problem. `WEBHOOK_SECRET_ARN` wins over `WEBHOOK_SECRET` when both are set.
 */
export function readIngestConfig(env: Environment): IngestConfig {
  const reader = new EnvironmentReader(env);
  const config: IngestConfig = {
    queueUrl: reader.requireString(IngestEnv.queueUrl),
    secret: readSecretConfig(reader),
    allowedSourceCidrs: readSourceCidrs(reader),
    secretCacheSeconds: reader.integer(IngestEnv.secretCacheSeconds, 300, { min: 0, max: 86_400 }),
    maxMessageBytes: reader.integer(IngestEnv.maxMessageBytes, 1_048_576, {
      min: 1024,
      max: 1_048_576,
    }),
    queueSendDeadlineMs: reader.integer(IngestEnv.queueSendDeadlineMs, 2500, {
      min: 100,
      max: 25_000,
    }),
  };
  reader.finish();

  return config;
}
