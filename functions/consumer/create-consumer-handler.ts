import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ConsumerDependencies } from './consumer-dependencies';
import { MessageOutcome } from './message-outcome';
import { processMessage } from './process-message';

/** The consumer Lambda handler: an SQS event in, a partial batch response out. */
export type ConsumerHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Creates the consumer handler. The records of a batch run concurrently. Each record whose
 * outcome is `retry` is reported as a batch item failure, so SQS delivers only those again,
 * which needs `ReportBatchItemFailures` on the event source mapping.
 */
export function createConsumerHandler(deps: ConsumerDependencies): ConsumerHandler {
  return async (event) => {
    const handled = await Promise.all(
      event.Records.map(async (record) => ({
        messageId: record.messageId,
        outcome: (await processMessage(record, deps)).outcome,
      })),
    );
    const failures = handled.filter(({ outcome }) => outcome === MessageOutcome.retry);

    return {
      batchItemFailures: failures.map(({ messageId }) => ({ itemIdentifier: messageId })),
    };
  };
}
