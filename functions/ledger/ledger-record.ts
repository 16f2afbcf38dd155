import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A value the ledger can store in a record: text, number, flag, null or a list of text. */
export type LedgerRecordValue = string | number | boolean | null | readonly string[];

/** Flat record stored on a ledger item, such as the call fields without the transcript. */
export type LedgerRecord = Readonly<Record<string, LedgerRecordValue | undefined>>;

// DynamoDB numbers hold magnitudes from 1e-130 to just under 1e126.
const MAX_NUMBER_MAGNITUDE = 1e125;
const MIN_NUMBER_MAGNITUDE = 1e-130;

/** Converts a record to a DynamoDB map, leaving out `undefined` fields. */
export function toRecordAttribute(record: LedgerRecord): AttributeValue {
  const map: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(record)) {
    if (value !== undefined) {
      map[name] = toAttributeValue(value);
    }
  }

  return { M: map };
}

function toAttributeValue(value: LedgerRecordValue): AttributeValue {
  if (value === null) {
    return { NULL: true };
  }
  if (typeof value === 'string') {
    return { S: value };
  }
  if (typeof value === 'boolean') {
    return { BOOL: value };
  }
  if (typeof value === 'number') {
    return toNumberAttribute(value);
  }

  return { L: value.map((item) => ({ S: item })) };
}

// A number DynamoDB cannot store would fail the write on every retry, so it is kept as text.
function toNumberAttribute(value: number): AttributeValue {
  const magnitude = Math.abs(value);
  const storable =
    Number.isFinite(value) &&
    magnitude <= MAX_NUMBER_MAGNITUDE &&
    (magnitude === 0 || magnitude >= MIN_NUMBER_MAGNITUDE);

  return storable ? { N: String(value) } : { S: String(value) };
}
