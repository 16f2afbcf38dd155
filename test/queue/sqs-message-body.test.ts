import fc from 'fast-check';
import { escapeSqsInvalidCharacters } from '../../functions/queue/sqs-message-body';

const SQS_VALID = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('escapeSqsInvalidCharacters', () => {
  describe('examples', () => {
    it('returns a body without rejected characters unchanged', () => {
      const body = '{"a":"Grüße 😀\\n","b":[1,\t2]}\r\n';

      const escaped = escapeSqsInvalidCharacters(body);

      expect(escaped).toBe(body);
    });

    it('escapes U+FFFE, U+FFFF and a lone surrogate', () => {
      const escaped = escapeSqsInvalidCharacters('{"a":"\uFFFE\uFFFF\uD800"}');

      expect(escaped).toBe('{"a":"\\ufffe\\uffff\\ud800"}');
    });
  });

  describe('any JSON text', () => {
    it('returns text SQS accepts that parses to the same value', () => {
      fc.assert(
        fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
          // JSON.stringify escapes lone surrogates but keeps U+FFFE and U+FFFF raw.
          const text = JSON.stringify(value);

          const escaped = escapeSqsInvalidCharacters(text);

          expect(SQS_VALID.test(escaped)).toBe(true);
          expect(JSON.parse(escaped)).toEqual(JSON.parse(text));
        }),
      );
    });
  });
});
