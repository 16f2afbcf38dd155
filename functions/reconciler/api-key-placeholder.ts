/**
 * Value the stack stores in the API key secret until the user puts a key there. The CLI and
 * the stack import it from here, so the reconciler's check always recognises it.
 */
export const API_KEY_PLACEHOLDER = 'PLACEHOLDER: replace with your TalkPilot API key';

// Values a freshly deployed secret may hold before the operator stores the real key.
const PLACEHOLDER = /^(placeholder|change-?me|replace-?me|todo|none|unset|-|tp_live_x+)$/i;

// Printable ASCII without spaces: what an HTTP header value may hold without being rejected.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Returns `undefined` for an empty or placeholder value (for example `PLACEHOLDER` or
 * `changeme`, any case), so a stack deployed before the key is stored stays quiet.
 */
export function normalizeApiKey(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();

  return trimmed === '' || PLACEHOLDER.test(trimmed) || /placeholder/i.test(trimmed)
    ? undefined
    : trimmed;
}

/**
 * Returns whether a key can be sent as the `X-API-Key` header. A key with a line break, a space
 * or a non-ASCII character makes fetch throw an error that quotes the whole header value, so such
 * a key is rejected where it is read, before any request.
 */
export function isHeaderSafeApiKey(apiKey: string): boolean {
  return HEADER_SAFE.test(apiKey);
}
