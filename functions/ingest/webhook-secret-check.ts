import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookSecrets } from '../secrets/webhook-secret-source';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function digestsEqual(providedDigest: Buffer, secret: string | undefined): boolean {
  if (secret === undefined || secret === '') {
    return false;
  }

  return timingSafeEqual(providedDigest, sha256(secret));
}

/**
 * Tells whether `provided` equals the current or the previous secret. The comparison runs in
 * constant time over SHA-256 digests, so neither the content nor the length of a secret leaks
 * through timing, and both secrets are always compared. An empty string never matches.
 */
export function matchesWebhookSecret(provided: string, secrets: WebhookSecrets): boolean {
  if (provided === '') {
    return false;
  }
  const providedDigest = sha256(provided);
  const matchesCurrent = digestsEqual(providedDigest, secrets.current);
  const matchesPrevious = digestsEqual(providedDigest, secrets.previous);

  return matchesCurrent || matchesPrevious;
}

/** Tells whether any of the provided secrets matches; see `matchesWebhookSecret`. */
export function matchesAnyWebhookSecret(
  provided: readonly string[],
  secrets: WebhookSecrets,
): boolean {
  return provided
    .map((candidate) => matchesWebhookSecret(candidate, secrets))
    .some((matches) => matches);
}
