import type { RecordedCallQuery } from '../ledger/find-recorded-calls';
import type { LoggerPort } from '../observability/logger';
import type { QueuePort } from '../queue/queue-message';
import type { TalkPilotClient } from '../talkpilot/talkpilot-client';
import type { ApiRecord } from '../talkpilot/talkpilot-records';
import { type CallFacts, readCallFacts, webhookDueAt } from './call-facts';
import { fetchAndQueue, logPurged } from './fetch-and-queue';
import type { ReconcileSettings } from './reconcile-settings';
import { ReconcilerLogMessage } from './reconciler-log';
import { scanCalls } from './scan-calls';

const BOUNDARY_PADDING_MS = 1000;

/** Ports and limits for reconciling one slice of an agent's window. */
export interface SliceContext {
  readonly client: Pick<TalkPilotClient, 'listCalls' | 'getCall'>;
  readonly findRecordedCalls: (calls: readonly RecordedCallQuery[]) => Promise<ReadonlySet<string>>;
  readonly queue: QueuePort;
  readonly logger: Pick<LoggerPort, 'warn' | 'error'>;
  readonly now: () => number;
  readonly settings: ReconcileSettings;
  readonly runId: string;
  readonly agentId: string;
  readonly deadlineMs: number;
  /** Ids of the agent's calls already looked at in this run, since adjacent slices overlap. */
  readonly seenCallIds: Set<string>;
}

/** Counts of one slice and the earliest time it left unhandled. */
export interface SliceResult {
  readonly seen: number;
  readonly missed: number;
  readonly enqueued: number;
  readonly purged: number;
  /** Calls not yet finished long enough to judge; the next run looks at them again. */
  readonly pending: number;
  /** Earliest point not safely handled; the watermark must stay at or before it. */
  readonly holdAtMs?: number;
  /** The error that ended the slice early, after the calls fetched so far were queued. */
  readonly error?: unknown;
}

/**
 * Reconciles the calls of one agent created in `[fromMs, toMs]`: lists them, checks the ledger
 * in batches, fetches the detail of each missed call only, oldest first, and queues those calls
 * in batches of ten as they are fetched. When the time budget ends between two details, the
 * slice stops and holds the watermark at the oldest call it did not handle.
 */
export async function reconcileSlice(
  context: SliceContext,
  fromMs: number,
  toMs: number,
): Promise<SliceResult> {
  // NOTE: the docs say "after" `from` and "before" `to` without saying whether the bounds are
  // inclusive, so each query reaches one second past both ends of the slice. Calls found twice
  // are merged by id, and a call on a boundary is seen by at least one slice.
  const scan = await scanCalls({
    ...context,
    fromMs: fromMs - BOUNDARY_PADDING_MS,
    toMs: toMs + BOUNDARY_PADDING_MS,
  });
  if (scan.invalidItems > 0) {
    context.logger.warn(ReconcilerLogMessage.invalidCalls, {
      agent_id: context.agentId,
      count: scan.invalidItems,
    });
  }
  if (!scan.complete) {
    // The watermark stays at the slice start, so the next run scans the slice again.
    context.logger.warn(ReconcilerLogMessage.incompleteScan, {
      agent_id: context.agentId,
      reason: scan.incompleteReason,
      calls_found: scan.calls.size,
    });
  }

  const fresh = [...scan.calls.values()].filter((call) => !context.seenCallIds.has(call.id));
  for (const call of fresh) {
    context.seenCallIds.add(call.id);
  }
  const recorded = await context.findRecordedCalls(
    fresh.map((call) => ({ id: call.id, liveKitCallId: readLiveKitCallId(call) })),
  );
  const unrecorded = fresh.filter((call) => !recorded.has(call.id));
  const classified = classifyCalls(unrecorded.map(readCallFacts), context, fromMs);
  const handled = await fetchAndQueue(classified.missed, context, fromMs);
  const holdPoints = [...classified.pendingAt, ...handled.unhandledAt];
  if (!scan.complete) {
    holdPoints.push(fromMs);
  }

  return {
    seen: fresh.length,
    missed: classified.missed.length,
    enqueued: handled.enqueued,
    purged: classified.purged + handled.purged,
    pending: classified.pendingAt.length,
    holdAtMs: holdPoints.length > 0 ? Math.min(...holdPoints) : undefined,
    error: handled.error,
  };
}

interface ClassifiedCalls {
  readonly missed: CallFacts[];
  readonly purged: number;
  readonly pendingAt: number[];
}

function classifyCalls(
  calls: readonly CallFacts[],
  context: SliceContext,
  fromMs: number,
): ClassifiedCalls {
  const result: ClassifiedCalls = { missed: [], purged: 0, pendingAt: [] };
  let purged = 0;
  const { graceMs, unknownDurationMs } = context.settings;

  for (const facts of calls) {
    const dueAt = webhookDueAt(facts, graceMs, unknownDurationMs);
    if (dueAt !== undefined && dueAt > context.now()) {
      result.pendingAt.push(facts.createdAtMs ?? fromMs);
    } else if (facts.isPurged) {
      purged += 1;
      logPurged(context, facts.id);
    } else {
      result.missed.push(facts);
    }
  }

  return { ...result, purged };
}

function readLiveKitCallId(call: ApiRecord): string | undefined {
  return typeof call.call_id === 'string' && call.call_id !== '' ? call.call_id : undefined;
}
