import { TalkPilotNotFoundError } from '../talkpilot/talkpilot-errors';
import type { ApiRecord } from '../talkpilot/talkpilot-records';
import { type CallFacts, readCallFacts } from './call-facts';
import { queueMissedCalls } from './queue-missed-calls';
import { ReconcileTimeBudgetError } from './reconcile-errors';
import type { SliceContext } from './reconcile-slice';
import { ReconcilerLogMessage } from './reconciler-log';

/** Details queued together: SQS sends at most ten messages per batch. */
const QUEUE_BATCH_SIZE = 10;

/** Result of `fetchAndQueue` for a slice's missed calls. */
export interface FetchAndQueueResult {
  readonly enqueued: number;
  readonly purged: number;
  /** Start times of the calls not handled; the watermark must stay at or before each. */
  readonly unhandledAt: number[];
  /** The error that stopped the fetching, the time budget included. */
  readonly error?: unknown;
}

/**
 * Fetches the detail of each missed call, oldest first, and queues the details in batches of
 * ten as they arrive, so a run stopped by its time budget keeps what it fetched. The budget is
 * checked before each detail request.
 */
export async function fetchAndQueue(
  missed: readonly CallFacts[],
  context: SliceContext,
  fromMs: number,
): Promise<FetchAndQueueResult> {
  const startOf = (facts: CallFacts) => facts.createdAtMs ?? fromMs;
  const ordered = [...missed].sort((a, b) => startOf(a) - startOf(b));
  const batch: ApiRecord[] = [];
  const unhandledAt: number[] = [];
  let enqueued = 0;
  let purged = 0;
  let error: unknown;
  const flush = async () => {
    const queued = await queueDetails(batch.splice(0), context, fromMs);
    enqueued += queued.enqueued;
    unhandledAt.push(...queued.unhandledAt);
  };

  for (const [index, facts] of ordered.entries()) {
    if (context.now() >= context.deadlineMs) {
      error = new ReconcileTimeBudgetError(context.deadlineMs);
    } else {
      const fetched = await fetchDetail(facts, context);
      if (fetched.kind === 'detail') {
        batch.push(fetched.detail);
      } else if (fetched.kind === 'purged') {
        purged += 1;
      } else if (fetched.kind === 'failed') {
        error = fetched.error;
      }
    }
    if (error !== undefined) {
      unhandledAt.push(...ordered.slice(index).map(startOf));
      break;
    }
    if (batch.length >= QUEUE_BATCH_SIZE) {
      await flush();
    }
  }
  await flush();

  return { enqueued, purged, unhandledAt, error };
}

type FetchedDetail =
  | { kind: 'detail'; detail: ApiRecord }
  | { kind: 'purged' }
  | { kind: 'vanished' }
  | { kind: 'failed'; error: unknown };

async function fetchDetail(facts: CallFacts, context: SliceContext): Promise<FetchedDetail> {
  const ids = { agent_id: context.agentId, call_id: facts.id };
  context.logger.warn(ReconcilerLogMessage.missedCall, ids);
  try {
    const detail = await context.client.getCall(context.agentId, facts.id, context);
    if (detail.is_purged === true) {
      logPurged(context, facts.id);

      return { kind: 'purged' };
    }

    return { kind: 'detail', detail: { ...detail, id: facts.id } };
  } catch (error) {
    if (error instanceof TalkPilotNotFoundError) {
      // Deleted for good between the list and the detail request: nothing left to recover.
      context.logger.warn(ReconcilerLogMessage.vanishedCall, ids);

      return { kind: 'vanished' };
    }

    return { kind: 'failed', error };
  }
}

async function queueDetails(
  details: readonly ApiRecord[],
  context: SliceContext,
  fromMs: number,
): Promise<{ enqueued: number; unhandledAt: number[] }> {
  if (details.length === 0) {
    return { enqueued: 0, unhandledAt: [] };
  }
  // A call without a readable start keeps the watermark at the start of its slice.
  const holdOf = (id: string) => {
    const call = details.find((detail) => detail.id === id);

    return (call && readCallFacts(call).createdAtMs) ?? fromMs;
  };

  try {
    const result = await queueMissedCalls(context.queue, details, context.runId, context.now());
    for (const callId of result.failed) {
      context.logger.error(ReconcilerLogMessage.enqueueFailed, {
        agent_id: context.agentId,
        call_id: callId,
      });
    }
    for (const callId of result.transcriptOmitted) {
      context.logger.warn(ReconcilerLogMessage.transcriptOmitted, {
        agent_id: context.agentId,
        call_id: callId,
      });
    }
    // Too large even without the transcript: the watermark waits for an operator.
    for (const callId of result.oversized) {
      context.logger.error(ReconcilerLogMessage.oversizedCall, {
        agent_id: context.agentId,
        call_id: callId,
      });
    }

    return {
      enqueued: result.queued.length,
      unhandledAt: [...result.failed, ...result.oversized].map(holdOf),
    };
  } catch (error) {
    context.logger.error(ReconcilerLogMessage.enqueueFailed, { agent_id: context.agentId, error });

    return { enqueued: 0, unhandledAt: details.map((detail) => holdOf(detail.id)) };
  }
}

/** Logs a call whose personal data retention removed, so it cannot be recovered. */
export function logPurged(context: SliceContext, callId: string): void {
  context.logger.warn(ReconcilerLogMessage.purgedCall, {
    agent_id: context.agentId,
    call_id: callId,
  });
}
