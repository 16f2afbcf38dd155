import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { DedupeAttribute } from '../../functions/ledger/ledger-item';
import { callKey, LedgerAttribute } from '../../functions/ledger/ledger-keys';
import { callAws } from '../aws/aws-errors';
import { CALL_KEY_PREFIX, readStoredCall, type StoredCall } from './stored-call';

/** A range of received times, both ends inclusive, as ISO 8601 UTC strings. */
export interface ReceivedRange {
  readonly from: string;
  readonly to: string;
}

/** Progress of a scan after each page. */
export interface ScanProgress {
  readonly scannedItems: number;
  readonly matchedCalls: number;
}

/** Reads the call record of one call id; `undefined` when the ledger has none. */
export async function findStoredCall(
  dynamodb: DynamoDBClient,
  tableName: string,
  callId: string,
): Promise<StoredCall | undefined> {
  const response = await callAws(() =>
    dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { [LedgerAttribute.partitionKey]: { S: callKey(callId) } },
        ConsistentRead: true,
      }),
    ),
  );

  return response.Item === undefined ? undefined : readStoredCall(response.Item);
}

/**
 * Scans the ledger for call records received within `range`, page by page, and reports the
 * progress after each page. A scan reads the whole table, so it costs read capacity in
 * proportion to the table's size, not to the number of matches.
 */
export async function scanStoredCalls(
  dynamodb: DynamoDBClient,
  tableName: string,
  range: ReceivedRange,
  onPage: (progress: ScanProgress) => void,
): Promise<StoredCall[]> {
  const calls: StoredCall[] = [];
  let scannedItems = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const response = await callAws(() => dynamodb.send(buildScan(tableName, range, startKey)));
    for (const item of response.Items ?? []) {
      const call = readStoredCall(item);
      if (call !== undefined) {
        calls.push(call);
      }
    }
    scannedItems += response.ScannedCount ?? 0;
    startKey = response.LastEvaluatedKey;
    onPage({ scannedItems, matchedCalls: calls.length });
  } while (startKey !== undefined);

  return calls;
}

function buildScan(
  tableName: string,
  range: ReceivedRange,
  startKey: Record<string, AttributeValue> | undefined,
): ScanCommand {
  return new ScanCommand({
    TableName: tableName,
    FilterExpression: 'begins_with(#pk, :prefix) AND #record.#received BETWEEN :from AND :to',
    ExpressionAttributeNames: {
      '#pk': LedgerAttribute.partitionKey,
      '#record': DedupeAttribute.record,
      '#received': 'received_at',
    },
    ExpressionAttributeValues: {
      ':prefix': { S: CALL_KEY_PREFIX },
      ':from': { S: range.from },
      ':to': { S: range.to },
    },
    ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
  });
}
