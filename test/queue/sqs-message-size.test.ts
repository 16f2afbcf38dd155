import { measureMessageBytes } from '../../functions/queue/sqs-message-size';

describe('measureMessageBytes', () => {
  describe('body and attributes', () => {
    it('counts body and attribute bytes', () => {
      const message = {
        body: '{"a":"é"}',
        metadata: { source: 'webhook' as const, receivedAt: 't', requestId: 'r' },
      };

      const bytes = measureMessageBytes(message);

      // body 10; source 6+6+7; received_at 11+6+1; request_id 10+6+1
      expect(bytes).toBe(10 + 19 + 18 + 17);
    });

    it('counts the escaped form of characters SQS rejects', () => {
      const message = {
        body: '"\uFFFE"',
        metadata: { source: 'webhook' as const, receivedAt: 't', requestId: 'r' },
      };

      const bytes = measureMessageBytes(message);

      expect(bytes).toBe(8 + 19 + 18 + 17);
    });
  });
});
