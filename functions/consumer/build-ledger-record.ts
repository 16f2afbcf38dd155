import type { LedgerRecord, LedgerRecordValue } from '../ledger/ledger-record';
import { toRecordText } from '../ledger/record-text';
import type { MessageMetadata } from '../queue/queue-message';
import type { Call } from '../schemas/call-completed-schema';
import type { CallEndedEvent } from '../schemas/call-ended-schema';

/**
 * Longest text, in UTF-16 code units, kept per record field. Longer values such as a summary
 * are cut before a code point and listed in `truncated_fields`. With about 20 fields the
 * record stays under 200 KB even at 4 bytes per character, far below DynamoDB's 400 KB limit.
 */
export const MAX_RECORD_TEXT_LENGTH = 2000;

// The transcript is left out for size, and `audio_file_url` because it is a signed URL.
const CALL_FIELDS = [
  'id',
  'call_id',
  'agent_id',
  'created_at',
  'customer_name',
  'customer_request',
  'phone_number',
  'duration',
  'done',
  'general_success',
  'disconnection_reason',
  'call_summary',
  'employee',
  'note',
  'is_purged',
  'deleted_at',
  'updated_at',
  'final_score',
] as const;

const CALL_ENDED_FIELDS = [
  'call_id',
  'agent_id',
  'agent_name',
  'caller_phone',
  'called_phone',
  'timestamp',
  'duration_seconds',
  'total_turns',
  'disconnection_reason',
] as const;

/** Builds the record of a `call.completed` call: its fields without transcript and audio URL. */
export function buildCallRecord(call: Call, metadata: MessageMetadata, event: string) {
  return buildRecord(call, CALL_FIELDS, metadata, event);
}

/** Builds the record of a `call_ended` webhook without its transcript and recording URLs. */
export function buildCallEndedRecord(payload: CallEndedEvent, metadata: MessageMetadata) {
  return buildRecord(payload, CALL_ENDED_FIELDS, metadata, payload.event);
}

/** Builds the record of an employee event: its name only, since it is keyed by its hash. */
export function buildEmployeeRecord(metadata: MessageMetadata, event: string): LedgerRecord {
  return buildRecord({}, [], metadata, event);
}

function buildRecord(
  source: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  metadata: MessageMetadata,
  event: string,
): LedgerRecord {
  const record: Record<string, LedgerRecordValue> = {};
  const truncated: string[] = [];
  for (const field of fields) {
    const value = toRecordValue(source[field]);
    if (typeof value === 'string') {
      const { text, truncated: wasCut } = toRecordText(value, MAX_RECORD_TEXT_LENGTH);
      record[field] = text;
      if (wasCut) {
        truncated.push(field);
      }
    } else if (value !== undefined) {
      record[field] = value;
    }
  }

  return {
    ...record,
    event: toRecordText(event, MAX_RECORD_TEXT_LENGTH).text,
    source: metadata.source,
    received_at: metadata.receivedAt,
    request_id: metadata.requestId,
    truncated_fields: truncated.length > 0 ? truncated : undefined,
  };
}

function toRecordValue(value: unknown): LedgerRecordValue | undefined {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }

  return undefined;
}
