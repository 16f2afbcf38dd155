import type { SQSRecord } from 'aws-lambda';

/** The parts of an SQS record the consumer reads. */
export type ConsumerMessage = Pick<SQSRecord, 'messageId' | 'body' | 'messageAttributes'> & {
  readonly attributes?: Partial<SQSRecord['attributes']>;
};

/** Returns how often SQS has delivered the message, or `undefined` when SQS did not say. */
export function readReceiveCount(message: ConsumerMessage): number | undefined {
  const count = Number(message.attributes?.ApproximateReceiveCount);

  return Number.isInteger(count) && count > 0 ? count : undefined;
}
