import { randomUUID } from 'node:crypto';
import { MessageSource, type QueueMessage } from '../../functions/queue/queue-message';
import type { StoredCall } from './stored-call';

/** Event name of the replay messages; the consumer parses them as `call.completed`. */
const REPLAY_EVENT = 'call.completed';

/** Returns a request id for one replay run; the consumer keys replays by it. */
export function newReplayRequestId(): string {
  return `replay-${randomUUID()}`;
}

/**
 * Builds the queue message that replays a stored call: body `{"event":"call.completed",
 * "call":<stored call>}` with source `replay`, so the consumer runs the hook again under a
 * replay key and leaves the call's dedupe record alone.
 */
export function buildReplayMessage(call: StoredCall, requestId: string, now: Date): QueueMessage {
  return {
    body: JSON.stringify({ event: REPLAY_EVENT, call: call.call }),
    metadata: {
      source: MessageSource.replay,
      receivedAt: now.toISOString(),
      requestId,
      event: REPLAY_EVENT,
      callId: call.callId,
    },
  };
}
