import fc from 'fast-check';
import {
  MessageMetadataInvalidError,
  readMessageMetadata,
  sanitizeAttributeValue,
  toMessageAttributes,
} from '../../functions/queue/sqs-message-attributes';

function toRecordAttributes(attributes: ReturnType<typeof toMessageAttributes>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      { dataType: value.DataType ?? 'String', stringValue: value.StringValue },
    ]),
  );
}

describe('sanitizeAttributeValue', () => {
  describe('examples', () => {
    it.each([
      ['plain id', 'call-uuid', 'call-uuid'],
      ['umlaut', 'Grüße', 'Gr??e'],
      ['line feed', 'a\nb', 'a?b'],
      ['empty', '', undefined],
      ['missing', undefined, undefined],
    ])('sanitizes a %s', (_name, value, expected) => {
      const sanitized = sanitizeAttributeValue(value);

      expect(sanitized).toBe(expected);
    });
  });

  describe('any string', () => {
    it('returns printable ASCII of at most 128 characters', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
          const sanitized = sanitizeAttributeValue(value);

          expect(sanitized === undefined || /^[\x20-\x7E]{1,128}$/u.test(sanitized)).toBe(true);
        }),
      );
    });
  });
});

describe('readMessageMetadata', () => {
  describe('written metadata', () => {
    it('reads back what toMessageAttributes wrote', () => {
      const metadata = {
        source: 'webhook' as const,
        receivedAt: '2026-03-22T10:31:00.000Z',
        requestId: 'r-1',
        event: 'call.completed',
        callId: 'c-1',
      };

      const read = readMessageMetadata({
        messageAttributes: toRecordAttributes(toMessageAttributes(metadata)),
      });

      expect(read).toEqual(metadata);
    });

    it('omits event and call id when they were not written', () => {
      const metadata = { source: 'replay' as const, receivedAt: 't', requestId: 'r' };

      const read = readMessageMetadata({
        messageAttributes: toRecordAttributes(toMessageAttributes(metadata)),
      });

      expect(read).toEqual(metadata);
    });
  });

  describe('missing metadata', () => {
    it.each([
      ['source', { received_at: 't', request_id: 'r' }],
      ['source', { source: 'mail', received_at: 't', request_id: 'r' }],
      ['received_at', { source: 'webhook', request_id: 'r' }],
      ['request_id', { source: 'webhook', received_at: 't' }],
    ])('throws naming %s', (attributeName, values) => {
      const messageAttributes = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          { dataType: 'String', stringValue: value },
        ]),
      );

      const read = () => readMessageMetadata({ messageAttributes, messageId: 'm-1' });

      expect(read).toThrow(MessageMetadataInvalidError);
      expect(read).toThrow(`'${attributeName}'`);
    });
  });
});
