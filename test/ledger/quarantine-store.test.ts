import {
  MAX_QUARANTINED_BODY_BYTES,
  QuarantineStore,
} from '../../functions/ledger/quarantine-store';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { readLedgerItem } from './read-ledger-item';

const NOW = new Date('2026-03-22T10:30:00.000Z');

describe('QuarantineStore', () => {
  let aws: LocalAws;
  let store: QuarantineStore;
  let tableName: string;

  beforeAll(async () => {
    aws = await startLocalAws();
    tableName = await aws.createTable();
    store = new QuarantineStore({ client: aws.dynamodb, tableName });
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe('store', () => {
    it('stores the body, reason, metadata and TTL under the message id', async () => {
      const message = {
        messageId: 'message-1',
        body: '{"event":"call.completed","call":{}}',
        reason: 'invalid_call',
        invalidPath: 'call.id',
        receiveCount: 1,
        metadata: { source: 'webhook' as const, receivedAt: NOW.toISOString(), requestId: 'r-1' },
      };

      const result = await store.store(message, { now: NOW, retentionDays: 30 });

      const item = await readLedgerItem(aws.dynamodb, tableName, 'quarantine#message-1');
      expect(result).toEqual({ bodyStored: true });
      expect(item?.body).toEqual({ S: message.body });
      expect(item?.reason).toEqual({ S: 'invalid_call' });
      expect(item?.invalid_path).toEqual({ S: 'call.id' });
      expect(item?.source).toEqual({ S: 'webhook' });
      expect(item?.request_id).toEqual({ S: 'r-1' });
      expect(item?.receive_count).toEqual({ N: '1' });
      expect(item?.expires_at).toEqual({ N: String(NOW.getTime() / 1000 + 30 * 86_400) });
    });

    it('keeps the reason but leaves out a body over the size limit', async () => {
      const body = 'x'.repeat(MAX_QUARANTINED_BODY_BYTES + 1);

      const result = await store.store(
        { messageId: 'message-2', body, reason: 'invalid_json' },
        { now: NOW, retentionDays: 30 },
      );

      const item = await readLedgerItem(aws.dynamodb, tableName, 'quarantine#message-2');
      expect(result).toEqual({ bodyStored: false });
      expect(item?.body).toBeUndefined();
      expect(item?.body_bytes).toEqual({ N: String(MAX_QUARANTINED_BODY_BYTES + 1) });
      expect(item?.reason).toEqual({ S: 'invalid_json' });
    });
  });
});
