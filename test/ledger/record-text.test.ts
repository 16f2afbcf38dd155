import fc from 'fast-check';
import { toRecordText } from '../../functions/ledger/record-text';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

describe('toRecordText', () => {
  describe('cutting', () => {
    it('keeps text within the limit unchanged', () => {
      expect(toRecordText('abc😀', 5)).toEqual({ text: 'abc😀', truncated: false });
    });

    it('cuts before an emoji that would be split', () => {
      expect(toRecordText('abc😀d', 4)).toEqual({ text: 'abc', truncated: true });
    });

    it('keeps an emoji that ends exactly at the limit', () => {
      expect(toRecordText('abc😀d', 5)).toEqual({ text: 'abc😀', truncated: true });
    });
  });

  describe('lone surrogates', () => {
    it.each([
      ['a lone high surrogate', 'a\uD83Db', 'a\uFFFDb'],
      ['a lone low surrogate', '\uDE00a', '\uFFFDa'],
      ['a reversed pair', '\uDE00\uD83D', '\uFFFD\uFFFD'],
    ])('replaces %s', (_name, value, expected) => {
      expect(toRecordText(value, 10)).toEqual({ text: expected, truncated: false });
    });
  });

  describe('properties', () => {
    it('returns well-formed text within the limit that starts the input', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.integer({ min: 1, max: 40 }),
          (value, maxLength) => {
            const wellFormed = value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');

            const { text, truncated } = toRecordText(value, maxLength);

            expect(text.length).toBeLessThanOrEqual(maxLength);
            expect(LONE_SURROGATE.test(text)).toBe(false);
            expect(wellFormed.startsWith(text)).toBe(true);
            expect(truncated).toBe(wellFormed.length > maxLength);
          },
        ),
      );
    });
  });
});
