/** Query parameter that carries the webhook secret, because TalkPilot cannot sign requests. */
export const SECRET_QUERY_PARAMETER = 'secret';

/** Returns the webhook URL with the secret in its query string. */
export function buildWebhookUrl(baseUrl: string, secret: string): string {
  const separator = baseUrl.includes('?') ? '&' : '?';

  return `${baseUrl}${separator}${SECRET_QUERY_PARAMETER}=${encodeURIComponent(secret)}`;
}

/** Returns `url` with the value of its `secret` query parameter replaced by `***`. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/([?&]secret=)[^&#]*/g, '$1***');
}
