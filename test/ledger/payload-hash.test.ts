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

  describe('edge values', () => {
    it('writes undefined array items as null and leaves undefined members out', () => {
      const json = toCanonicalJson({ b: undefined, a: [1, undefined, null] });

      expect(json).toBe('{"a":[1,null,null]}');
    });

    it('keeps an own __proto__ key', () => {
      const value = JSON.parse('{"b":1,"__proto__":{"x":2}}');

      const json = toCanonicalJson(value);

      expect(json).toBe('{"__proto__":{"x":2},"b":1}');
    });

    it('serializes 100000 nested arrays without overflowing the stack', () => {
      const text = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

      const json = toCanonicalJson(JSON.parse(text));

      expect(json).toBe(text);
    });

    it('serializes empty containers', () => {
      expect(toCanonicalJson({ a: {}, b: [] })).toBe('{"a":{},"b":[]}');
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

    it('matches JSON.stringify for values without objects', () => {
      const withoutObjects = fc.letrec((tie) => ({
        value: fc.oneof(
          { depthSize: 'small' },
          fc.string(),
          fc.double({ noNaN: true }),
          fc.boolean(),
          fc.constant(null),
          fc.array(tie('value')),
        ),
      })).value;

      fc.assert(
        fc.property(withoutObjects, (value) => {
          expect(toCanonicalJson(value)).toBe(JSON.stringify(value));
        }),
      );
    });
  });
});
