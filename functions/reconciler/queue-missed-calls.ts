import { MessageSource, type QueueMessage, type QueuePort } from '../queue/queue-message';
import { measureMessageBytes } from '../queue/sqs-message-size';
import type { ApiRecord } from '../talkpilot/talkpilot-records';

/** The `event` of queued reconciled calls, the same as the webhook's. */
export const RECONCILED_EVENT = 'call.completed';

/** SQS's maximum message size in bytes, attributes included. */
const MAX_MESSAGE_BYTES = 1_048_576;

/** Builds the queue message for a reconciled call: the webhook body shape around the detail. */
export function toReconcileMessage(call: ApiRecord, runId: string, nowMs: number): QueueMessage {
  return {
    body: JSON.stringify({ event: RECONCILED_EVENT, call }),
    metadata: {
      source: MessageSource.reconcile,
      receivedAt: new Date(nowMs).toISOString(),
      requestId: runId,
      event: RECONCILED_EVENT,
      callId: call.id,
    },
  };
}

/** Outcome of `queueMissedCalls`, by call id. */
export interface QueueMissedCallsResult {
  readonly queued: readonly string[];
  readonly failed: readonly string[];
  /** Calls whose message exceeds SQS's size limit; sending them again would never succeed. */
  readonly oversized: readonly string[];
}

/** Sends reconciled calls to the queue in one `sendMessages` call, which batches by ten. */
export async function queueMissedCalls(
  queue: QueuePort,
  calls: readonly ApiRecord[],
  runId: string,
  nowMs: number,
): Promise<QueueMissedCallsResult> {
  const messages = calls.map((call) => toReconcileMessage(call, runId, nowMs));
  const oversized = calls.filter((_, index) => isOversized(messages[index]));
  const sendable = calls.filter((_, index) => !isOversized(messages[index]));
  const sendableMessages = messages.filter((message) => !isOversized(message));
  if (sendableMessages.length === 0) {
    return { queued: [], failed: [], oversized: oversized.map((call) => call.id) };
  }

  const result = await queue.sendMessages(sendableMessages);
  const failedIndexes = new Set(result.failedIndexes);

  return {
    queued: sendable.filter((_, index) => !failedIndexes.has(index)).map((call) => call.id),
    failed: sendable.filter((_, index) => failedIndexes.has(index)).map((call) => call.id),
    oversized: oversized.map((call) => call.id),
  };
}

function isOversized(message: QueueMessage | undefined): boolean {
  return message !== undefined && measureMessageBytes(message) > MAX_MESSAGE_BYTES;
}
