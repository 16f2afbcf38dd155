import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/**
 * Converts a message from `ReceiveMessage` into the record that Lambda's SQS event source
 * mapping passes to a function. The message must have been received with
 * `AttributeNames: ['All']` and `MessageAttributeNames: ['All']`; binary attribute values
 * become base64 text, as Lambda delivers them.
 */
export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};

  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
    } satisfies SQSRecordAttributes,
    messageAttributes: toRecordAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: regionOfArn(queueArn),
  };
}

/** Returns the region field of an ARN such as `arn:aws:sqs:eu-central-1:123456789012:calls`. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

function toRecordAttributes(
  attributes: Record<string, MessageAttributeValue>,
): Record<string, SQSMessageAttribute> {
  const converted = new Map<string, SQSMessageAttribute>();
  for (const [name, value] of Object.entries(attributes)) {
    converted.set(name, toRecordAttribute(value));
  }

  return Object.fromEntries(converted);
}

function toRecordAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined
      ? {}
      : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map((item) =>
      Buffer.from(item).toString('base64'),
    ),
    dataType: value.DataType ?? 'String',
  };
}
