import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { LedgerAttribute, watermarkKey } from '../ledger/ledger-keys';

/**
 * Per-agent watermarks: the time before which every call of the agent has been handled.
 * Watermarks only move forward.
 */
export interface WatermarkStore {
  /** Returns the agent's watermark in epoch milliseconds, or `undefined` for a new agent. */
  read(agentId: string): Promise<number | undefined>;
  /** Moves the watermark to `watermarkMs`; returns `false` when it already was at or past it. */
  advance(agentId: string, watermarkMs: number): Promise<boolean>;
}

/** Options of `createLedgerWatermarkStore`. */
export interface LedgerWatermarkStoreOptions {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
}

/**
 * Creates a watermark store on the ledger table, one item per agent under `watermarkKey`.
 * Items have no TTL, so an agent idle for longer than the retention keeps its watermark.
 */
export function createLedgerWatermarkStore(options: LedgerWatermarkStoreOptions): WatermarkStore {
  const keyOf = (agentId: string) => ({
    [LedgerAttribute.partitionKey]: { S: watermarkKey(agentId) },
  });

  async function read(agentId: string): Promise<number | undefined> {
    const result = await options.dynamodb.send(
      new GetItemCommand({
        TableName: options.tableName,
        Key: keyOf(agentId),
        ConsistentRead: true,
      }),
    );
    const value = Number(result.Item?.watermark_ms?.N);

    return Number.isFinite(value) ? value : undefined;
  }

  async function advance(agentId: string, watermarkMs: number): Promise<boolean> {
    try {
      await options.dynamodb.send(
        new UpdateItemCommand({
          TableName: options.tableName,
          Key: keyOf(agentId),
          UpdateExpression: 'SET watermark_ms = :ms, watermark = :iso, agent_id = :agent',
          ConditionExpression: 'attribute_not_exists(watermark_ms) OR watermark_ms < :ms',
          ExpressionAttributeValues: {
            ':ms': { N: String(watermarkMs) },
            ':iso': { S: new Date(watermarkMs).toISOString() },
            ':agent': { S: agentId },
          },
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

  return { read, advance };
}
