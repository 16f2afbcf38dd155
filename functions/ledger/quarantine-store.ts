import { type AttributeValue, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { MessageMetadata } from '../queue/queue-message';
import { LedgerRequestFailedError } from './ledger-errors';
import { expiresAtSeconds } from './ledger-item';
import { LedgerAttribute, quarantineKey } from './ledger-keys';

/**
 * Largest body, in UTF-8 bytes, stored with a quarantined message. DynamoDB items hold at most
 * 400 KB, so a larger body is left out and only the reason and metadata are kept.
 */
export const MAX_QUARANTINED_BODY_BYTES = 350 * 1024;

/** Value of `status` on a quarantine item. */
export const QUARANTINED_STATUS = 'quarantined';

/** A message the consumer will never process, with the reason. */
export interface QuarantinedMessage {
  readonly messageId: string;
  readonly body: string;
  /** Machine-readable reason, such as `invalid_json` or `unsupported_event`. */
  readonly reason: string;
  /** Dot path of the first invalid field, when a schema rejected the payload. */
  readonly invalidPath?: string;
  readonly receiveCount?: number;
  /** Metadata from the message attributes; parts are missing when the attributes were invalid. */
  readonly metadata?: Partial<MessageMetadata>;
}

/** Options of `QuarantineStore.store`. */
export interface StoreQuarantinedOptions {
  readonly now: Date;
  /** Days after which DynamoDB's TTL deletes the item. */
  readonly retentionDays: number;
}

/** Result of `store`: whether the body fit into the item. */
export interface StoreQuarantinedResult {
  readonly bodyStored: boolean;
}

/** The quarantine operation the consumer uses, so tests can replace it. */
export type QuarantineStorePort = Pick<QuarantineStore, 'store'>;

/**
 * Keeps quarantined messages in the ledger table under `quarantine#<messageId>`, with the raw
 * body and a TTL, so a message the consumer rejects is acknowledged without being lost.
 */
export class QuarantineStore {
  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {}

  /** Writes the quarantine item; a second delivery of the same message overwrites it. */
  async store(
    message: QuarantinedMessage,
    options: StoreQuarantinedOptions,
  ): Promise<StoreQuarantinedResult> {
    const key = quarantineKey(message.messageId);
    const bodyBytes = Buffer.byteLength(message.body, 'utf8');
    const bodyStored = bodyBytes <= MAX_QUARANTINED_BODY_BYTES;
    const item = buildItem(key, message, options, bodyBytes, bodyStored);
    try {
      await this.options.client.send(
        new PutItemCommand({ TableName: this.options.tableName, Item: item }),
      );
    } catch (error) {
      throw new LedgerRequestFailedError('quarantine', key, error);
    }

    return { bodyStored };
  }
}

function buildItem(
  key: string,
  message: QuarantinedMessage,
  options: StoreQuarantinedOptions,
  bodyBytes: number,
  bodyStored: boolean,
): Record<string, AttributeValue> {
  const metadata = message.metadata ?? {};
  const text: Record<string, string | undefined> = {
    [LedgerAttribute.partitionKey]: key,
    status: QUARANTINED_STATUS,
    reason: message.reason,
    invalid_path: message.invalidPath,
    message_id: message.messageId,
    source: metadata.source,
    received_at: metadata.receivedAt,
    request_id: metadata.requestId,
    event: metadata.event,
    call_id: metadata.callId,
    quarantined_at: options.now.toISOString(),
    body: bodyStored ? message.body : undefined,
  };
  const item: Record<string, AttributeValue> = {
    body_bytes: { N: String(bodyBytes) },
    [LedgerAttribute.timeToLive]: {
      N: String(expiresAtSeconds(options.now.getTime(), options.retentionDays)),
    },
  };
  if (message.receiveCount !== undefined) {
    item.receive_count = { N: String(message.receiveCount) };
  }
  for (const [name, value] of Object.entries(text)) {
    if (value !== undefined) {
      item[name] = { S: value };
    }
  }

  return item;
}
