import { maskUrl } from '../mask-urls';

/** Query parameter that carries the webhook secret, because TalkPilot cannot sign requests. */
export const SECRET_QUERY_PARAMETER = 'secret';

/** Returns the webhook URL with the secret in its query string. */
export function buildWebhookUrl(baseUrl: string, secret: string): string {
  const separator = baseUrl.includes('?') ? '&' : '?';

  return `${baseUrl}${separator}${SECRET_QUERY_PARAMETER}=${encodeURIComponent(secret)}`;
}

/**
 * Returns `url` for display: user info dropped, the `secret` query value replaced by `***`,
 * and any other query parameter or fragment shown as `?…`, since it may carry a credential.
 */
export function maskWebhookUrl(url: string): string {
  const masked = url.replace(/([?&]secret=)[^&#]*/g, '$1***');

  return maskUrl(masked);
}

/**
 * Returns the value of the `secret` query parameter as written in `url` (still URL-encoded),
 * or `undefined` when there is none. Register it for redaction along with its decoded form.
 */
export function rawSecretParameter(url: string): string | undefined {
  const match = /[?&]secret=([^&#]*)/.exec(url);

  return match?.[1];
}
