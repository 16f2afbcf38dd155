const REPLACEMENT_CHARACTER = '\uFFFD';
const UTF8_CHARSETS: ReadonlySet<string> = new Set(['utf-8', 'utf8']);

/**
 * Returns the `charset` parameter of a `Content-Type` value, lowercased and without quotes
 * (`application/json; Charset="ISO-8859-1"` gives `iso-8859-1`), or `undefined` when the value
 * has none.
 */
export function readCharset(contentType: string | undefined): string | undefined {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name = '', ...valueParts] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') {
      const value = valueParts
        .join('=')
        .trim()
        .replace(/^"(.*)"$/u, '$1')
        .toLowerCase();

      return value === '' ? undefined : value;
    }
  }

  return undefined;
}

/**
 * Tells whether a text body was most likely altered on its way in: it contains U+FFFD, the
 * replacement character, while the `Content-Type` names a charset other than UTF-8. API
 * Gateway passes text bodies as UTF-8 and may replace the bytes of another charset with
 * U+FFFD. Base64 bodies, bodies without a charset and UTF-8 bodies are never suspect.
 */
export function isBodyAlteredByCharset(
  body: string | undefined,
  isBase64Encoded: boolean | undefined,
  contentType: string | undefined,
): boolean {
  if (isBase64Encoded === true || body === undefined || !body.includes(REPLACEMENT_CHARACTER)) {
    return false;
  }
  const charset = readCharset(contentType);

  return charset !== undefined && !UTF8_CHARSETS.has(charset);
}
