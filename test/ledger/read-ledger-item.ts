import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/** Reads one ledger item with a consistent read, for assertions. */
export async function readLedgerItem(
  client: DynamoDBClient,
  tableName: string,
  key: string,
): Promise<Record<string, AttributeValue> | undefined> {
  const output = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
  );

  return output.Item;
}
