import fc from 'fast-check';
import { hashCanonicalPayload, toCanonicalJson } from '../../functions/ledger/payload-hash';

function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(shuffleKeys);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).reverse();

    return Object.fromEntries(entries.map(([name, item]) => [name, shuffleKeys(item)]));
  }

  return value;
}

describe('toCanonicalJson', () => {
  describe('key order', () => {
    it('sorts keys at every level and drops whitespace', () => {
      const value = { b: 1, a: { d: [2, { f: 3, e: 4 }], c: null } };

      const json = toCanonicalJson(value);

      expect(json).toBe('{"a":{"c":null,"d":[2,{"e":4,"f":3}]},"b":1}');
    });

    it('gives the same hash whatever the key order', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(hashCanonicalPayload(shuffleKeys(value))).toBe(hashCanonicalPayload(value));
        }),
      );
    });
  });

  describe('round trip', () => {
    it('parses back to an equal value', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(JSON.parse(toCanonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        }),
      );
    });
  });
});
