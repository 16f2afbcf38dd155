/**
 * Value the stack stores in the API key secret until the user puts a key there. The CLI and
 * the stack import it from here, so the reconciler's check always recognises it.
 */
export const API_KEY_PLACEHOLDER = 'PLACEHOLDER: replace with your TalkPilot API key';

// Values a freshly deployed secret may hold before the operator stores the real key.
const PLACEHOLDER = /^(placeholder|change-?me|replace-?me|todo|none|unset|-|tp_live_x+)$/i;

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
