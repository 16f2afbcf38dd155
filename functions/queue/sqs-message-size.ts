import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { QueueMessage } from './queue-message';
import { toMessageAttributes } from './sqs-message-attributes';
import { escapeSqsInvalidCharacters } from './sqs-message-body';

/** Size of a body and attributes as SQS counts it: UTF-8 bytes of body, names, types, values. */
export function measureSqsEntryBytes(
  body: string,
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name, 'utf8');
    bytes += Buffer.byteLength(attribute.DataType ?? '', 'utf8');
    bytes += Buffer.byteLength(attribute.StringValue ?? '', 'utf8');
  }

  return bytes;
}

/**
 * Returns the size in bytes that SQS counts against its maximum message size for this message
 * as `SqsQueue` sends it: the body after escaping, plus every attribute's name, data type and
 * value.
 */
export function measureMessageBytes(message: QueueMessage): number {
  return measureSqsEntryBytes(
    escapeSqsInvalidCharacters(message.body),
    toMessageAttributes(message.metadata),
  );
}
