import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { MessageAttributeName, type MessageMetadata, MessageSource } from './queue-message';

/** Maximum length, in characters, of a message attribute value. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 128;

const NOT_PRINTABLE_ASCII = /[^\x20-\x7E]/gu;

/** Thrown when a queued message lacks the metadata attributes every producer writes. */
export class MessageMetadataInvalidError extends Error {
  override readonly name = 'MessageMetadataInvalidError';

  constructor(
    readonly attributeName: string,
    readonly messageId: string | undefined,
  ) {
    super(
      `Message ${messageId ?? '(no id)'} has a missing or invalid '${attributeName}' attribute; ` +
        'send it again through a producer of this project or replay it with a source attribute',
    );
  }
}

/**
 * Sanitizes an attribute value: each character outside printable ASCII becomes `?`, and the
 * result is cut to 128 characters. Returns `undefined` when nothing is left, because SQS
 * rejects empty attribute values.
 */
export function sanitizeAttributeValue(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const sanitized = value.replace(NOT_PRINTABLE_ASCII, '?').slice(0, MAX_ATTRIBUTE_VALUE_LENGTH);

  return sanitized === '' ? undefined : sanitized;
}

/** Builds the SQS String message attributes for a message's metadata, omitting empty ones. */
export function toMessageAttributes(
  metadata: MessageMetadata,
): Record<string, MessageAttributeValue> {
  const values: Record<string, string | undefined> = {
    [MessageAttributeName.source]: metadata.source,
    [MessageAttributeName.receivedAt]: metadata.receivedAt,
    [MessageAttributeName.requestId]: metadata.requestId,
    [MessageAttributeName.event]: metadata.event,
    [MessageAttributeName.callId]: metadata.callId,
  };
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(values)) {
    const sanitized = sanitizeAttributeValue(value);
    if (sanitized !== undefined) {
      attributes[name] = { DataType: 'String', StringValue: sanitized };
    }
  }

  return attributes;
}

function isMessageSource(value: string | undefined): value is MessageSource {
  return Object.values<string | undefined>(MessageSource).includes(value);
}

/**
 * Reads a message's metadata back from the `messageAttributes` of an SQS record as Lambda
 * delivers it. Throws `MessageMetadataInvalidError` when `source`, `received_at` or
 * `request_id` is missing or `source` is not a known value.
 */
export function readMessageMetadata(
  record: Pick<SQSRecord, 'messageAttributes'> & { readonly messageId?: string },
): MessageMetadata {
  const read = (name: string) => record.messageAttributes?.[name]?.stringValue || undefined;
  const source = read(MessageAttributeName.source);
  if (!isMessageSource(source)) {
    throw new MessageMetadataInvalidError(MessageAttributeName.source, record.messageId);
  }
  const receivedAt = read(MessageAttributeName.receivedAt);
  if (receivedAt === undefined) {
    throw new MessageMetadataInvalidError(MessageAttributeName.receivedAt, record.messageId);
  }
  const requestId = read(MessageAttributeName.requestId);
  if (requestId === undefined) {
    throw new MessageMetadataInvalidError(MessageAttributeName.requestId, record.messageId);
  }
  const event = read(MessageAttributeName.event);
  const callId = read(MessageAttributeName.callId);

  return {
    source,
    receivedAt,
    requestId,
    ...(event === undefined ? {} : { event }),
    ...(callId === undefined ? {} : { callId }),
  };
}
