/**
 * Characters that SQS rejects in a message body: everything outside #x9, #xA, #xD,
 * #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF, including lone UTF-16 surrogates.
 */
const SQS_INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Replaces every character that SQS rejects by its JSON `\uXXXX` escape. In a valid JSON text
 * such characters can only sit inside strings (control characters other than tab, line feed
 * and carriage return are not valid raw JSON), so the escaped text parses to the same value.
 * A body without such characters is returned unchanged.
 */
export function escapeSqsInvalidCharacters(body: string): string {
  return body.replace(SQS_INVALID_CHARACTER, (character) => {
    const code = character.codePointAt(0) ?? 0;

    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
