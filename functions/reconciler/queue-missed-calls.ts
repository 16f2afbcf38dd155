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

/**
 * Returns the call without `transcript` and `audio_file_url`, marked `transcript_omitted`. The
 * consumer never stores the transcript, so the call still reaches the action hook.
 */
export function omitTranscript(call: ApiRecord): ApiRecord {
  const { transcript: _transcript, audio_file_url: _audio, ...rest } = call;

  return { ...rest, id: call.id, transcript_omitted: true };
}

/** Outcome of `queueMissedCalls`, by call id. */
export interface QueueMissedCallsResult {
  readonly queued: readonly string[];
  readonly failed: readonly string[];
  /** Calls queued without their transcript, since the full message was too large. */
  readonly transcriptOmitted: readonly string[];
  /** Calls too large for SQS even without the transcript; sending again would never succeed. */
  readonly oversized: readonly string[];
}

/**
 * Sends reconciled calls to the queue in one `sendMessages` call, which batches by ten. A call
 * whose message exceeds SQS's size limit is sent again without its transcript and audio URL.
 */
export async function queueMissedCalls(
  queue: QueuePort,
  calls: readonly ApiRecord[],
  runId: string,
  nowMs: number,
): Promise<QueueMissedCallsResult> {
  const sendable: { call: ApiRecord; message: QueueMessage }[] = [];
  const transcriptOmitted: string[] = [];
  const oversized: string[] = [];
  for (const call of calls) {
    const full = toReconcileMessage(call, runId, nowMs);
    const message = isOversized(full)
      ? toReconcileMessage(omitTranscript(call), runId, nowMs)
      : full;
    if (isOversized(message)) {
      oversized.push(call.id);
    } else {
      if (message !== full) {
        transcriptOmitted.push(call.id);
      }
      sendable.push({ call, message });
    }
  }
  if (sendable.length === 0) {
    return { queued: [], failed: [], transcriptOmitted, oversized };
  }

  const result = await queue.sendMessages(sendable.map((entry) => entry.message));
  const failedIndexes = new Set(result.failedIndexes);
  const idsWhere = (failed: boolean) =>
    sendable.filter((_, index) => failedIndexes.has(index) === failed).map((e) => e.call.id);

  return { queued: idsWhere(false), failed: idsWhere(true), transcriptOmitted, oversized };
}

function isOversized(message: QueueMessage): boolean {
  return measureMessageBytes(message) > MAX_MESSAGE_BYTES;
}
