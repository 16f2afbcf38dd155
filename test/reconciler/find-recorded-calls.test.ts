import { BatchGetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { findRecordedCalls } from '../../functions/ledger/find-recorded-calls';
import { callKey, liveKitCallKey } from '../../functions/ledger/ledger-keys';
import { type LocalAws, startLocalAws } from '../support/local-aws';

describe('findRecordedCalls', () => {
  let aws: LocalAws;
  let tableName: string;

  beforeAll(async () => {
    aws = await startLocalAws();
    tableName = await aws.createTable();
  });

  afterAll(async () => {
    await aws.stop();
  });

  async function record(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await aws.dynamodb.send(
        new PutItemCommand({ TableName: tableName, Item: { pk: { S: callKey(id) } } }),
      );
    }
  }

  function toQueries(ids: readonly string[]) {
    return ids.map((id) => ({ id }));
  }

  describe('call_ended record', () => {
    it('finds a call recorded under its LiveKit call_id when given both ids', async () => {
      await aws.dynamodb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: liveKitCallKey('lk_call_only') } },
        }),
      );

      const found = await findRecordedCalls(
        [
          { id: 'uuid-of-lk-call', liveKitCallId: 'lk_call_only' },
          { id: 'uuid-unknown', liveKitCallId: 'lk_call_unknown' },
        ],
        { dynamodb: aws.dynamodb, tableName },
      );

      expect([...found]).toEqual(['uuid-of-lk-call']);
    });
  });

  describe('more ids than one batch', () => {
    it('returns the recorded ids when given 250 ids', async () => {
      const ids = Array.from({ length: 250 }, (_, index) => `batch-${index}`);
      const recorded = ids.filter((_, index) => index % 7 === 0);
      await record(recorded);

      const found = await findRecordedCalls(toQueries([...ids, ...ids.slice(0, 5)]), {
        dynamodb: aws.dynamodb,
        tableName,
      });

      expect([...found].sort()).toEqual([...recorded].sort());
    });
  });

  describe('unprocessed keys', () => {
    it('retries the keys DynamoDB left unprocessed', async () => {
      await record(['unprocessed-1', 'unprocessed-2']);
      let calls = 0;
      const dynamodb = {
        send: async (command: BatchGetItemCommand) => {
          calls += 1;
          const request = command.input.RequestItems?.[tableName];
          if (calls > 1 || !request?.Keys) {
            return aws.dynamodb.send(command);
          }
          const [first, ...rest] = request.Keys;
          const partial = await aws.dynamodb.send(
            new BatchGetItemCommand({
              RequestItems: { [tableName]: { ...request, Keys: [first ?? {}] } },
            }),
          );

          return { ...partial, UnprocessedKeys: { [tableName]: { ...request, Keys: rest } } };
        },
      };

      const found = await findRecordedCalls(toQueries(['unprocessed-1', 'unprocessed-2']), {
        dynamodb: dynamodb as never,
        tableName,
        sleep: async () => undefined,
      });

      expect([...found].sort()).toEqual(['unprocessed-1', 'unprocessed-2']);
      expect(calls).toBe(2);
    });
  });
});
