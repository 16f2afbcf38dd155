/** Text shown for an existing URL that cannot be parsed, so that none of it is printed. */
export const UNREADABLE_URL = '(unreadable URL)';

/**
 * Describes an agent's existing webhook URL for display: its origin and path, followed by `?…`
 * when it has a query string. User info, the query and the fragment are left out, because
 * a URL set by someone else may carry a credential under any name (`token`, `Secret`, `key`).
 */
export function describeExistingWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return UNREADABLE_URL;
  }
  // Only http and https have an origin; the rest of another scheme's URL may be anything.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `${parsed.protocol}…`;
  }

  return `${parsed.origin}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
}
