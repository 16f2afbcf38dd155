import type { LoggerPort } from '../observability/logger';
import { TalkPilotDeadlineError } from '../talkpilot/talkpilot-errors';
import { ReconcileTimeBudgetError } from './reconcile-errors';
import { reconcileSlice, type SliceContext } from './reconcile-slice';
import { ReconcilerLogMessage } from './reconciler-log';
import type { WatermarkStore } from './watermark-store';

/** Outcome of one agent's part of a run. */
export const AgentOutcome = {
  /** The whole window was handled, up to any call still pending. */
  complete: 'complete',
  /** The run's time budget ran out; the next run resumes at the watermark. */
  timeBudget: 'time_budget',
  /** An API, ledger or queue error ended the agent's scan; the next run retries. */
  failed: 'failed',
} as const;

export type AgentOutcome = (typeof AgentOutcome)[keyof typeof AgentOutcome];

/** Counts of one agent in one run, as logged in its summary line. */
export interface AgentSummary {
  readonly agentId: string;
  readonly outcome: AgentOutcome;
  readonly seen: number;
  readonly missed: number;
  readonly enqueued: number;
  readonly purged: number;
  readonly pending: number;
  /** Watermark after the run, epoch milliseconds, if the agent has one. */
  readonly watermarkMs?: number;
}

/** Context of `reconcileAgent`: the slice context plus the watermark store and window end. */
export interface AgentContext extends Omit<SliceContext, 'agentId' | 'logger' | 'seenCallIds'> {
  readonly watermarks: WatermarkStore;
  readonly logger: Pick<LoggerPort, 'warn' | 'error'>;
  /** End of every window of this run: run start minus the settle delay. */
  readonly windowEndMs: number;
}

type Counts = Omit<AgentSummary, 'agentId' | 'outcome' | 'watermarkMs'>;

/**
 * Reconciles one agent's window from its watermark minus the overlap (or the look-back for a
 * new agent) to `windowEndMs`, in slices oldest first. After each slice the watermark moves to
 * the slice's end, or to the earliest call that was not handled, and never past the slice's end.
 */
export async function reconcileAgent(
  agentId: string,
  storedWatermarkMs: number | undefined,
  context: AgentContext,
): Promise<AgentSummary> {
  const { settings, windowEndMs } = context;
  const windowStartMs =
    storedWatermarkMs === undefined
      ? windowEndMs + settings.settleDelayMs - settings.lookbackMs
      : storedWatermarkMs - settings.overlapMs;
  const counts: Counts = { seen: 0, missed: 0, enqueued: 0, purged: 0, pending: 0 };
  let watermarkMs = storedWatermarkMs;
  let heldAtMs: number | undefined;
  const seenCallIds = new Set<string>();

  for (let fromMs = windowStartMs; fromMs < windowEndMs; fromMs += settings.sliceMs) {
    const toMs = Math.min(fromMs + settings.sliceMs, windowEndMs);
    let result: Awaited<ReturnType<typeof reconcileSlice>>;
    try {
      checkBudget(context);
      result = await reconcileSlice({ ...context, agentId, seenCallIds }, fromMs, toMs);
    } catch (error) {
      return finish(agentId, outcomeOf(error, agentId, context), counts, watermarkMs);
    }
    addCounts(counts, result);
    if (result.holdAtMs !== undefined) {
      // A pending call listed with a start after the slice (a clock or zone error on either
      // side) must not carry the watermark past the slice, nor into the future.
      const holdMs = Math.min(result.holdAtMs, toMs);
      heldAtMs = Math.min(heldAtMs ?? holdMs, holdMs);
    }
    const nextMs = heldAtMs ?? toMs;
    if (watermarkMs === undefined || nextMs > watermarkMs) {
      await context.watermarks.advance(agentId, nextMs);
      watermarkMs = nextMs;
    }
    if (result.error !== undefined) {
      return finish(agentId, outcomeOf(result.error, agentId, context), counts, watermarkMs);
    }
  }

  return finish(agentId, AgentOutcome.complete, counts, watermarkMs);
}

function checkBudget(context: AgentContext): void {
  if (context.now() >= context.deadlineMs) {
    throw new ReconcileTimeBudgetError(context.deadlineMs);
  }
}

function outcomeOf(error: unknown, agentId: string, context: AgentContext): AgentOutcome {
  if (error instanceof ReconcileTimeBudgetError || error instanceof TalkPilotDeadlineError) {
    return AgentOutcome.timeBudget;
  }
  context.logger.error(ReconcilerLogMessage.agentFailed, { agent_id: agentId, error });

  return AgentOutcome.failed;
}

function addCounts(counts: Counts, result: Counts): void {
  const mutable = counts as { -readonly [K in keyof Counts]: number };
  mutable.seen += result.seen;
  mutable.missed += result.missed;
  mutable.enqueued += result.enqueued;
  mutable.purged += result.purged;
  mutable.pending += result.pending;
}

function finish(
  agentId: string,
  outcome: AgentOutcome,
  counts: Counts,
  watermarkMs: number | undefined,
): AgentSummary {
  return { agentId, outcome, ...counts, watermarkMs };
}
