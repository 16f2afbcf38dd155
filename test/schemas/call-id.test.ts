import fc from 'fast-check';
import { isValidCallId, MAX_CALL_ID_LENGTH } from '../../functions/schemas/call-id';

describe('isValidCallId', () => {
  describe('accepted ids', () => {
    it.each([
      ['a UUID', '3f2b6c1e-8a4d-4e0f-9b1a-2c3d4e5f6a7b'],
      ['a LiveKit id', 'lk_call_abc123'],
      ['an id with inner spaces', 'call 1'],
      ['an id with an emoji', 'call-😀'],
      ['an ASCII id at the limit', 'x'.repeat(MAX_CALL_ID_LENGTH)],
      ['a 300-character id', 'x'.repeat(300)],
    ])('accepts %s', (_name, id) => {
      expect(isValidCallId(id)).toBe(true);
    });
  });

  describe('rejected ids', () => {
    it.each([
      ['an empty string', ''],
      ['a blank string', '   '],
      ['tabs and newlines', '\t\n'],
      ['an ASCII id over the limit', 'x'.repeat(MAX_CALL_ID_LENGTH + 1)],
      ['a multi-byte id over the byte limit', 'ü'.repeat(MAX_CALL_ID_LENGTH / 2 + 1)],
      ['a lone high surrogate', 'call-\uD83D'],
      ['a lone low surrogate', '\uDE00-call'],
      ['a number', 42],
      ['null', null],
    ])('rejects %s', (_name, id) => {
      expect(isValidCallId(id)).toBe(false);
    });
  });

  describe('properties', () => {
    it('accepts every non-blank well-formed string within the byte limit', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (id) => {
          const expected = id.trim() !== '' && Buffer.byteLength(id) <= MAX_CALL_ID_LENGTH;

          expect(isValidCallId(id)).toBe(expected);
        }),
      );
    });

    it('keeps every valid id within the DynamoDB key limit with the longest prefix', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 1100 }), (id) => {
          fc.pre(isValidCallId(id));
          const key = `replay#livekit-call#${id}#${'r'.repeat(128)}`;

          expect(Buffer.byteLength(key)).toBeLessThanOrEqual(2048);
        }),
      );
    });
  });
});
