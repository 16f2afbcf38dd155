import type { WebhookSecretSource, WebhookSecrets } from './webhook-secret-source';

/**
 * Creates a source that returns fixed secrets, for the local runtime where they come from
 * `WEBHOOK_SECRET` and `WEBHOOK_SECRET_PREVIOUS`. A forced refresh returns the same values.
 */
export function createStaticWebhookSecretSource(secrets: WebhookSecrets): WebhookSecretSource {
  const value: WebhookSecrets =
    secrets.previous === undefined || secrets.previous === ''
      ? { current: secrets.current }
      : { current: secrets.current, previous: secrets.previous };

  return { getSecrets: async () => value };
}
