import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { LedgerAttribute } from '../ledger/ledger-keys';
import type { RateState, RateStateStore, VersionedRateState } from './rate-limiter';
import { HOUR_MS } from './rate-window';
import type { TimePort } from './time-port';

/**
 * Ledger key of an API key's rate state: a prefix of the key's SHA-256, so the table never
 * stores the key itself.
 */
export function rateLimitKey(apiKey: string): string {
  const digest = createHash('sha256').update(apiKey).digest('hex');

  return `ratelimit#${digest.slice(0, 16)}`;
}

/** Options of `createLedgerRateStateStore`. */
export interface LedgerRateStateStoreOptions {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly apiKey: string;
  readonly time: Pick<TimePort, 'now'>;
}

/**
 * Creates a rate state store on the ledger table: one item per API key with the request times
 * of the last hour, written with a version condition. The item expires two hours after its
 * last write.
 */
export function createLedgerRateStateStore(options: LedgerRateStateStoreOptions): RateStateStore {
  const key = { [LedgerAttribute.partitionKey]: { S: rateLimitKey(options.apiKey) } };

  async function read(): Promise<VersionedRateState> {
    const result = await options.dynamodb.send(
      new GetItemCommand({ TableName: options.tableName, Key: key, ConsistentRead: true }),
    );

    return result.Item ? fromItem(result.Item) : emptyState();
  }

  async function write(state: RateState, expectedVersion: number): Promise<boolean> {
    const expiresAt = Math.ceil((options.time.now() + 2 * HOUR_MS) / 1000);
    try {
      await options.dynamodb.send(
        new PutItemCommand({
          TableName: options.tableName,
          Item: { ...key, ...toItem(state, expectedVersion + 1, expiresAt) },
          ConditionExpression: 'attribute_not_exists(#pk) OR #version = :expected',
          ExpressionAttributeNames: { '#pk': LedgerAttribute.partitionKey, '#version': 'version' },
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        }),
      );

      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return false;
      }
      throw error;
    }
  }

  return { read, write };
}

function emptyState(): VersionedRateState {
  return { state: { requestTimes: [], pausedUntilMs: 0 }, version: 0 };
}

function toItem(
  state: RateState,
  version: number,
  expiresAt: number,
): Record<string, AttributeValue> {
  return {
    request_times: { L: state.requestTimes.map((time) => ({ N: String(time) })) },
    paused_until_ms: { N: String(state.pausedUntilMs) },
    version: { N: String(version) },
    [LedgerAttribute.timeToLive]: { N: String(expiresAt) },
  };
}

function fromItem(item: Record<string, AttributeValue>): VersionedRateState {
  const requestTimes = (item.request_times?.L ?? [])
    .map((value) => Number(value.N))
    .filter((time) => Number.isFinite(time));

  return {
    state: { requestTimes, pausedUntilMs: Number(item.paused_until_ms?.N ?? 0) || 0 },
    version: Number(item.version?.N ?? 0) || 0,
  };
}
