import fc from 'fast-check';
import { exceedsDepth, MAX_PAYLOAD_DEPTH } from '../../functions/schemas/payload-depth';

function nestArrays(levels: number): unknown {
  return JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
}

describe('exceedsDepth', () => {
  describe('levels', () => {
    it.each([
      ['a primitive', 1, 1, false],
      ['an empty object', {}, 1, false],
      ['an object with a primitive', { a: 1 }, 1, false],
      ['two levels against one', { a: { b: 1 } }, 1, true],
      ['two levels against two', { a: [1] }, 2, false],
      ['three levels against two', { a: [[1]] }, 2, true],
    ])('checks %s', (_name, value, maxDepth, expected) => {
      expect(exceedsDepth(value, maxDepth)).toBe(expected);
    });

    it('accepts arrays nested exactly to the cap', () => {
      expect(exceedsDepth(nestArrays(MAX_PAYLOAD_DEPTH))).toBe(false);
    });

    it('rejects arrays nested one level past the cap', () => {
      expect(exceedsDepth(nestArrays(MAX_PAYLOAD_DEPTH + 1))).toBe(true);
    });

    it('checks 200000 nested arrays without overflowing the stack', () => {
      expect(exceedsDepth(nestArrays(200_000))).toBe(true);
    });
  });

  describe('properties', () => {
    it('agrees with a recursive depth count', () => {
      const depthOf = (value: unknown): number =>
        value !== null && typeof value === 'object'
          ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
          : 0;

      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 6 }), (value, cap) => {
          expect(exceedsDepth(value, cap)).toBe(depthOf(value) > cap);
        }),
      );
    });
  });
});
