import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  ClaimOptions,
  ClaimResult,
  CompleteOptions,
  CompleteResult,
  ReleaseResult,
} from './dedupe-results';
import { LedgerRequestFailedError } from './ledger-errors';
import {
  DedupeAttribute,
  DedupeStatus,
  expiresAtSeconds,
  readStringAttribute,
} from './ledger-item';
import { LedgerAttribute } from './ledger-keys';
import { toRecordAttribute } from './ledger-record';

export type {
  ClaimOptions,
  ClaimResult,
  CompleteOptions,
  CompleteResult,
  ReleaseResult,
} from './dedupe-results';

/** The ledger operations the consumer uses, so tests can wrap or replace them. */
export type DedupeLedgerPort = Pick<DedupeLedger, 'claim' | 'complete' | 'release'>;

/** Options of `DedupeLedger`. */
export interface DedupeLedgerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

// A claim retries only when the item it conflicted with was deleted before it could be read.
const MAX_CLAIM_ATTEMPTS = 3;

const ATTRIBUTE_NAMES = {
  '#status': DedupeAttribute.status,
  '#token': DedupeAttribute.claimToken,
  '#lease': DedupeAttribute.leaseExpiresAt,
  '#processed': DedupeAttribute.processedAt,
  '#ttl': LedgerAttribute.timeToLive,
};

/**
 * Dedupe ledger over DynamoDB conditional writes. A claim takes a key with a lease and a
 * random token; completion and release succeed only with that token, so a worker whose lease
 * was taken over cannot overwrite the new owner. A new key costs two writes (claim and
 * complete), a duplicate one write and, in AWS, no read.
 */
export class DedupeLedger {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;

  constructor(options: DedupeLedgerOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  /**
   * Claims `key` unless it is completed (and, with `reclaimCompletedBefore`, was processed
   * since that time) or held by a lease that has not ended.
   */
  async claim(key: string, options: ClaimOptions): Promise<ClaimResult> {
    for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const token = randomUUID();
      const existing = await this.putClaim(key, token, options);
      if (existing === 'written') {
        return { outcome: 'claimed', token };
      }
      if (existing !== undefined) {
        return classifyExisting(existing);
      }
    }

    return { outcome: 'in_progress' };
  }

  /** Marks the claim of `token` completed and sets the retention TTL. */
  async complete(key: string, token: string, options: CompleteOptions): Promise<CompleteResult> {
    const command = new UpdateItemCommand({
      TableName: this.tableName,
      Key: this.keyOf(key),
      ConditionExpression: '#token = :token',
      UpdateExpression:
        'SET #status = :completed, #processed = :processed, #ttl = :ttl REMOVE #lease',
      ExpressionAttributeNames: ATTRIBUTE_NAMES,
      ExpressionAttributeValues: {
        ':token': { S: token },
        ':completed': { S: DedupeStatus.completed },
        ':processed': { S: options.now.toISOString() },
        ':ttl': { N: String(expiresAtSeconds(options.now.getTime(), options.retentionDays)) },
      },
    });
    const written = await this.sendConditional('complete', key, () => this.client.send(command));

    return written ? { outcome: 'completed' } : { outcome: 'lost' };
  }

  /** Deletes the claim of `token` after a failure, so the next delivery can claim it at once. */
  async release(key: string, token: string): Promise<ReleaseResult> {
    const command = new DeleteItemCommand({
      TableName: this.tableName,
      Key: this.keyOf(key),
      ConditionExpression: '#token = :token AND #status = :inProgress',
      ExpressionAttributeNames: {
        '#token': ATTRIBUTE_NAMES['#token'],
        '#status': ATTRIBUTE_NAMES['#status'],
      },
      ExpressionAttributeValues: {
        ':token': { S: token },
        ':inProgress': { S: DedupeStatus.inProgress },
      },
    });
    const written = await this.sendConditional('release', key, () => this.client.send(command));

    return written ? { outcome: 'released' } : { outcome: 'lost' };
  }

  /** Writes the claim; returns `written`, the conflicting item, or `undefined` if it is gone. */
  private async putClaim(
    key: string,
    token: string,
    options: ClaimOptions,
  ): Promise<'written' | Record<string, AttributeValue> | undefined> {
    try {
      await this.client.send(this.buildClaimCommand(key, token, options));

      return 'written';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw new LedgerRequestFailedError('claim', key, error);
      }
      // DynamoDB returns the conflicting item because of ALL_OLD, so no read is needed in AWS.
      // dynalite (local runs and tests) leaves `Item` out, so only then one consistent read
      // learns whether the item is completed or in progress.
      return error.Item ?? (await this.readItem(key));
    }
  }

  private buildClaimCommand(key: string, token: string, options: ClaimOptions): PutItemCommand {
    const nowMs = options.now.getTime();
    const leaseExpiresAtMs = nowMs + options.leaseMs;
    const item: Record<string, AttributeValue> = {
      ...this.keyOf(key),
      [DedupeAttribute.status]: { S: DedupeStatus.inProgress },
      [DedupeAttribute.claimToken]: { S: token },
      [DedupeAttribute.leaseExpiresAt]: { N: String(leaseExpiresAtMs) },
      [DedupeAttribute.claimedAt]: { S: options.now.toISOString() },
      [LedgerAttribute.timeToLive]: {
        N: String(expiresAtSeconds(leaseExpiresAtMs, options.retentionDays)),
      },
    };
    if (options.record !== undefined) {
      item[DedupeAttribute.record] = toRecordAttribute(options.record);
    }

    return new PutItemCommand({
      TableName: this.tableName,
      Item: item,
      ...buildClaimCondition(nowMs, options.reclaimCompletedBefore),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  }

  private async readItem(key: string): Promise<Record<string, AttributeValue> | undefined> {
    try {
      const output = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: this.keyOf(key),
          ConsistentRead: true,
        }),
      );

      return output.Item;
    } catch (error) {
      throw new LedgerRequestFailedError('claim', key, error);
    }
  }

  /** Sends a conditional write; returns `false` when its condition failed. */
  private async sendConditional(
    operation: string,
    key: string,
    send: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await send();

      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return false;
      }
      throw new LedgerRequestFailedError(operation, key, error);
    }
  }

  private keyOf(key: string): Record<string, AttributeValue> {
    return { [LedgerAttribute.partitionKey]: { S: key } };
  }
}

// An item is free when it does not exist, its lease has ended or, with a window, its
// completion is older than the window. ISO 8601 UTC times from toISOString sort as text.
function buildClaimCondition(nowMs: number, reclaimCompletedBefore: Date | undefined) {
  const condition = 'attribute_not_exists(pk) OR (#status = :inProgress AND #lease < :now)';
  const names: Record<string, string> = {
    '#status': ATTRIBUTE_NAMES['#status'],
    '#lease': ATTRIBUTE_NAMES['#lease'],
  };
  const values: Record<string, AttributeValue> = {
    ':inProgress': { S: DedupeStatus.inProgress },
    ':now': { N: String(nowMs) },
  };
  if (reclaimCompletedBefore === undefined) {
    return {
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  return {
    ConditionExpression: `${condition} OR (#status = :completed AND #processed < :reclaimBefore)`,
    ExpressionAttributeNames: { ...names, '#processed': ATTRIBUTE_NAMES['#processed'] },
    ExpressionAttributeValues: {
      ...values,
      ':completed': { S: DedupeStatus.completed },
      ':reclaimBefore': { S: reclaimCompletedBefore.toISOString() },
    },
  };
}

function classifyExisting(item: Record<string, AttributeValue>): ClaimResult {
  const status = readStringAttribute(item, DedupeAttribute.status);

  return status === DedupeStatus.completed ? { outcome: 'completed' } : { outcome: 'in_progress' };
}
