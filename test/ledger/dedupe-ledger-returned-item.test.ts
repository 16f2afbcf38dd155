import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DedupeLedger } from '../../functions/ledger/dedupe-ledger';

// dynalite never returns the conflicting item, so this file mocks the client to test the
// ReturnValuesOnConditionCheckFailure path of DynamoDB, with the SDK's real exception class.
function conflictWith(status: string): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item: { pk: { S: 'call#1' }, status: { S: status } },
  });
}

const OPTIONS = { leaseMs: 60_000, now: new Date('2026-03-22T10:30:00Z'), retentionDays: 30 };

describe('DedupeLedger with DynamoDB returning the conflicting item', () => {
  const client = new DynamoDBClient({ region: 'eu-central-1' });
  const dynamodb = mockClient(client);
  const ledger = new DedupeLedger({ client, tableName: 'ledger' });

  beforeEach(() => {
    dynamodb.reset();
  });

  it.each([
    ['completed', 'completed'],
    ['in_progress', 'in_progress'],
  ])('returns %s without a read when the item is %s', async (status, expected) => {
    dynamodb.on(PutItemCommand).rejects(conflictWith(status));

    const result = await ledger.claim('call#1', OPTIONS);

    expect(result).toEqual({ outcome: expected });
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('asks for the old item on a failed condition', async () => {
    dynamodb.on(PutItemCommand).resolves({});

    await ledger.claim('call#1', OPTIONS);

    const input = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(input?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('claims again when the conflicting item is gone before the read', async () => {
    dynamodb
      .on(PutItemCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))
      .resolves({});
    dynamodb.on(GetItemCommand).resolves({});

    const result = await ledger.claim('call#1', OPTIONS);

    expect(result.outcome).toBe('claimed');
    expect(dynamodb.commandCalls(PutItemCommand)).toHaveLength(2);
  });
});
