import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { callKey, LedgerAttribute, liveKitCallKey } from './ledger-keys';

/** Keys per BatchGetItem request, DynamoDB's maximum. */
const BATCH_SIZE = 100;

/** Options of `findRecordedCalls`. */
export interface FindRecordedCallsOptions {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  /** Waits between rounds of unprocessed keys; defaults to 50 ms doubling. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Rounds for the unprocessed keys of one batch before giving up; default 8. */
  readonly maxRounds?: number;
}

/** DynamoDB kept returning unprocessed keys, so the lookup could not finish. */
export class LedgerLookupIncompleteError extends Error {
  override readonly name = 'LedgerLookupIncompleteError';

  constructor(
    readonly tableName: string,
    readonly unprocessedCount: number,
  ) {
    super(
      `Ledger lookup in table ${tableName} left ${unprocessedCount} keys unprocessed after retries; the table is throttled, try again later`,
    );
  }
}

/** One call to look up: TalkPilot's record `id` and, when known, its LiveKit `call_id`. */
export interface RecordedCallQuery {
  readonly id: string;
  readonly liveKitCallId?: string;
}

/**
 * Returns the ids of the calls that have a ledger record in any state, under `callKey(id)` or,
 * for calls that arrived as flat `call_ended` webhooks, under `liveKitCallKey(call_id)`. Reads
 * with BatchGetItem in chunks of 100 keys, projecting `pk` only, and retries unprocessed keys.
 */
export async function findRecordedCalls(
  calls: readonly RecordedCallQuery[],
  options: FindRecordedCallsOptions,
): Promise<Set<string>> {
  const keysById = new Map<string, string[]>();
  for (const call of calls) {
    const keys = [callKey(call.id)];
    if (call.liveKitCallId) {
      keys.push(liveKitCallKey(call.liveKitCallId));
    }
    keysById.set(call.id, keys);
  }
  const unique = [...new Set([...keysById.values()].flat())];
  const recorded = new Set<string>();

  for (let start = 0; start < unique.length; start += BATCH_SIZE) {
    const keys = unique.slice(start, start + BATCH_SIZE).map((pk) => ({
      [LedgerAttribute.partitionKey]: { S: pk },
    }));
    for (const pk of await readBatch(keys, options)) {
      recorded.add(pk);
    }
  }
  const found = [...keysById].filter(([, keys]) => keys.some((pk) => recorded.has(pk)));

  return new Set(found.map(([id]) => id));
}

async function readBatch(
  keys: Record<string, AttributeValue>[],
  options: FindRecordedCallsOptions,
): Promise<string[]> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const maxRounds = options.maxRounds ?? 8;
  const found: string[] = [];
  let pending: KeysAndAttributes | undefined = {
    Keys: keys,
    ProjectionExpression: '#pk',
    ExpressionAttributeNames: { '#pk': LedgerAttribute.partitionKey },
    ConsistentRead: true,
  };

  for (let round = 0; pending?.Keys && pending.Keys.length > 0; round += 1) {
    if (round >= maxRounds) {
      throw new LedgerLookupIncompleteError(options.tableName, pending.Keys.length);
    }
    if (round > 0) {
      await sleep(50 * 2 ** (round - 1));
    }
    const result: BatchGetItemCommandOutput = await options.dynamodb.send(
      new BatchGetItemCommand({ RequestItems: { [options.tableName]: pending } }),
    );
    for (const item of result.Responses?.[options.tableName] ?? []) {
      const pk = item[LedgerAttribute.partitionKey]?.S;
      if (pk !== undefined) {
        found.push(pk);
      }
    }
    pending = result.UnprocessedKeys?.[options.tableName];
  }

  return found;
}
