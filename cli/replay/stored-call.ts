import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DedupeAttribute, readStringAttribute } from '../../functions/ledger/ledger-item';
import { LedgerAttribute } from '../../functions/ledger/ledger-keys';

/** Prefix of the keys of call records, as `callKey` builds them. */
export const CALL_KEY_PREFIX = 'call#';

/** Fields the consumer adds to a stored call record that are not fields of the call. */
const RECORD_METADATA_FIELDS = new Set([
  'event',
  'source',
  'received_at',
  'request_id',
  'truncated_fields',
]);

/** A call record read from the ledger. */
export interface StoredCall {
  readonly callId: string;
  /** Dedupe status: `completed`, or `in_progress` while a consumer holds the call. */
  readonly status?: string;
  /** ISO 8601 time at which the webhook was received or the reconciler found the call. */
  readonly receivedAt?: string;
  /** The call's fields as stored, without the transcript and the audio URL. */
  readonly call: Readonly<Record<string, unknown>>;
}

/** Reads a ledger item under `callKey(id)`; `undefined` when it carries no call record. */
export function readStoredCall(item: Record<string, AttributeValue>): StoredCall | undefined {
  const key = readStringAttribute(item, LedgerAttribute.partitionKey) ?? '';
  const record = item[DedupeAttribute.record];
  if (!key.startsWith(CALL_KEY_PREFIX) || record?.M === undefined) {
    return undefined;
  }
  const fields = fromAttributeMap(record.M);
  const call: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!RECORD_METADATA_FIELDS.has(name)) {
      call[name] = value;
    }
  }
  const receivedAt = typeof fields.received_at === 'string' ? fields.received_at : undefined;

  return {
    callId: key.slice(CALL_KEY_PREFIX.length),
    status: readStringAttribute(item, DedupeAttribute.status),
    ...(receivedAt === undefined ? {} : { receivedAt }),
    call,
  };
}

// Covers the types that `toRecordAttribute` writes: text, number, flag, null and text lists.
function fromAttributeMap(map: Record<string, AttributeValue>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(map)) {
    fields[name] = fromAttributeValue(value);
  }

  return fields;
}

function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) {
    return value.S;
  }
  if (value.N !== undefined) {
    return Number(value.N);
  }
  if (value.BOOL !== undefined) {
    return value.BOOL;
  }
  if (value.L !== undefined) {
    return value.L.map(fromAttributeValue);
  }
  if (value.M !== undefined) {
    return fromAttributeMap(value.M);
  }

  return null;
}
