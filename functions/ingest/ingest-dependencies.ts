import type { LoggerPort } from '../observability/logger';
import type { MetricsPort } from '../observability/metrics';
import type { QueuePort } from '../queue/queue-message';
import type { WebhookSecretSource } from '../secrets/webhook-secret-source';
import type { SourceIpAllowlist } from './source-ip-allowlist';

/**
 * Dependencies of `createIngestHandler`. In AWS, `handler.ts` passes an `SqsQueue` and a
 * `SecretsManagerWebhookSecretSource`; the local runtime passes an `SqsQueue` on the local
 * SQS server and a static secret source.
 */
export interface IngestDependencies {
  readonly queue: QueuePort;
  readonly secrets: WebhookSecretSource;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  /** Largest queue message, body and attributes as SQS counts them (`MAX_MESSAGE_BYTES`). */
  readonly maxMessageBytes: number;
  /** Source CIDR ranges allowed to post (`ALLOWED_SOURCE_CIDRS`); empty or unset allows all. */
  readonly allowedSourceCidrs?: readonly string[];
  /** Clock for the `received_at` attribute. Default: the system clock. */
  readonly now?: () => Date;
}

/** The dependencies of the `ingestWebhook` core, with the allowlist already built. */
export type IngestCoreDependencies = Omit<IngestDependencies, 'allowedSourceCidrs' | 'now'> & {
  readonly sourceIpAllowlist: SourceIpAllowlist;
  readonly now: () => Date;
};
