import fc from 'fast-check';
import { IngestRejection } from '../../functions/ingest/ingest-result';
import { decodeRequestBody } from '../../functions/ingest/request-body';

const MAX_BYTES = 1_048_576;

describe('decodeRequestBody', () => {
  describe('valid object', () => {
    it('returns the text unchanged when the body is plain', () => {
      const text = '{ "event" : "x", "n": 1.50 }';

      const decoded = decodeRequestBody({ body: text }, MAX_BYTES);

      expect(decoded).toEqual({ ok: true, text, payload: { event: 'x', n: 1.5 } });
    });

    it('returns any JSON object unchanged in plain and base64 form', () => {
      fc.assert(
        fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (value, base64) => {
          const text = JSON.stringify(value);
          const body = base64 ? Buffer.from(text, 'utf8').toString('base64') : text;

          const decoded = decodeRequestBody({ body, isBase64Encoded: base64 }, MAX_BYTES);

          expect(decoded).toMatchObject({ ok: true, text });
        }),
      );
    });

    it('removes only one leading byte-order mark', () => {
      const decoded = decodeRequestBody({ body: '\uFEFF{"a":"\uFEFF"}' }, MAX_BYTES);

      expect(decoded).toMatchObject({ ok: true, text: '{"a":"\uFEFF"}' });
    });
  });

  describe('invalid body', () => {
    it.each([
      ['missing body', undefined, IngestRejection.bodyNotJson],
      ['empty body', '', IngestRejection.bodyNotJson],
      ['two byte-order marks', '\uFEFF\uFEFF{}', IngestRejection.bodyNotJson],
      ['null', 'null', IngestRejection.bodyNotObject],
      ['array', '[{}]', IngestRejection.bodyNotObject],
      ['number', '12', IngestRejection.bodyNotObject],
    ])('rejects a %s', (_name, body, reason) => {
      const decoded = decodeRequestBody({ body }, MAX_BYTES);

      expect(decoded).toEqual({ ok: false, reason });
    });

    it('rejects base64 bytes that are not UTF-8', () => {
      const body = Buffer.from([0x7b, 0xc3, 0x28, 0x7d]).toString('base64');

      const decoded = decodeRequestBody({ body, isBase64Encoded: true }, MAX_BYTES);

      expect(decoded).toEqual({ ok: false, reason: IngestRejection.bodyNotUtf8 });
    });

    it('rejects text over the byte limit before parsing', () => {
      const decoded = decodeRequestBody({ body: `{"a":"${'é'.repeat(10)}"}` }, 20);

      expect(decoded).toEqual({ ok: false, reason: IngestRejection.bodyTooLarge });
    });
  });

  describe('any input', () => {
    it('never throws and returns an object payload or a reason', () => {
      const reasons: string[] = Object.values(IngestRejection);
      fc.assert(
        fc.property(
          fc.option(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), {
            nil: undefined,
          }),
          fc.boolean(),
          fc.integer({ min: 0, max: 200 }),
          (body, isBase64Encoded, maxBytes) => {
            const decoded = decodeRequestBody({ body, isBase64Encoded }, maxBytes);

            if (decoded.ok) {
              expect(typeof decoded.payload).toBe('object');
              expect(Array.isArray(decoded.payload)).toBe(false);
            } else {
              expect(reasons).toContain(decoded.reason);
            }
          },
        ),
      );
    });
  });
});
