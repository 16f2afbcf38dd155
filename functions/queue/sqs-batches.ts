import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { measureSqsEntryBytes } from './sqs-message-size';

/** Most entries SQS accepts in one SendMessageBatch request. */
export const MAX_BATCH_ENTRIES = 10;

/**
 * Splits entries into batches of at most 10 entries whose summed sizes stay within
 * `maxBatchBytes`, keeping their order. An entry larger than the limit goes alone into a
 * batch, so SQS reports it as a failed entry.
 */
export function splitIntoBatches(
  entries: readonly SendMessageBatchRequestEntry[],
  maxBatchBytes: number,
): SendMessageBatchRequestEntry[][] {
  const batches: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const bytes = measureSqsEntryBytes(entry.MessageBody ?? '', entry.MessageAttributes ?? {});
    const full = current.length === MAX_BATCH_ENTRIES || currentBytes + bytes > maxBatchBytes;
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += bytes;
  }
  if (current.length > 0) {
    batches.push(current);
  }

  return batches;
}
