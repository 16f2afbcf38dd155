import { WebhookSecretError } from '../secrets/webhook-secret-source';
import type { IngestCoreDependencies } from './ingest-dependencies';
import { IngestLogMessage } from './ingest-log-messages';
import { type IngestRequest, WEBHOOK_SECRET_HEADER } from './ingest-request';
import { IngestRejection } from './ingest-result';
import { matchesAnyWebhookSecret } from './webhook-secret-check';

type Dependencies = Pick<IngestCoreDependencies, 'secrets' | 'logger'>;

function readProvidedSecrets(request: IngestRequest): string[] {
  return [request.querySecret, request.headers[WEBHOOK_SECRET_HEADER]].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== '',
  );
}

async function matchesRefreshedSecrets(
  request: IngestRequest,
  deps: Dependencies,
  provided: readonly string[],
): Promise<boolean> {
  try {
    return matchesAnyWebhookSecret(provided, await deps.secrets.getSecrets({ forceRefresh: true }));
  } catch (error) {
    if (!(error instanceof WebhookSecretError)) {
      throw error;
    }
    // The cached secrets were read just before and did not match, so the result stays 401.
    deps.logger.warn(IngestLogMessage.secretRefreshFailed, {
      request_id: request.requestId,
      error,
    });

    return false;
  }
}

/**
 * Checks the secret of the `secret` query parameter or the `x-webhook-secret` header against
 * the cached secrets, then once more after a forced refresh in case the secret was rotated.
 * Returns the rejection reason, or `undefined` when a secret matches. A failed refresh is
 * logged and the result from the cached secrets is kept. A failed first read throws
 * `WebhookSecretError`.
 */
export async function checkWebhookSecret(
  request: IngestRequest,
  deps: Dependencies,
): Promise<IngestRejection | undefined> {
  const provided = readProvidedSecrets(request);
  if (provided.length === 0) {
    return IngestRejection.secretMissing;
  }
  if (matchesAnyWebhookSecret(provided, await deps.secrets.getSecrets())) {
    return undefined;
  }
  // The secret may have been rotated since it was cached; the source limits how often.
  const matches = await matchesRefreshedSecrets(request, deps, provided);

  return matches ? undefined : IngestRejection.secretInvalid;
}
