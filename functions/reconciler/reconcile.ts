import type { RecordedCallQuery } from '../ledger/find-recorded-calls';
import type { LoggerPort } from '../observability/logger';
import { ReconcilerMetric } from '../observability/metric-names';
import { type MetricsPort, MetricUnit } from '../observability/metrics';
import type { QueuePort } from '../queue/queue-message';
import type { TalkPilotClient } from '../talkpilot/talkpilot-client';
import { listAllAgentIds } from './list-all-agents';
import { AgentOutcome, type AgentSummary, reconcileAgent } from './reconcile-agent';
import { ReconcileAgentsUnavailableError, ReconcileAllAgentsFailedError } from './reconcile-errors';
import type { ReconcileSettings } from './reconcile-settings';
import { ReconcilerLogMessage } from './reconciler-log';
import type { WatermarkStore } from './watermark-store';

/** Ports and settings of one reconcile run. */
export interface ReconcileDeps {
  readonly client: TalkPilotClient;
  /** Returns which of the given call ids have a ledger record. */
  readonly findRecordedCalls: (calls: readonly RecordedCallQuery[]) => Promise<ReadonlySet<string>>;
  readonly watermarks: WatermarkStore;
  readonly queue: QueuePort;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  /** Current time in epoch milliseconds. */
  readonly now: () => number;
  readonly settings: ReconcileSettings;
  /** Id of this run, sent as the `request_id` of every queued message. */
  readonly runId: string;
}

/** Result of a run: one summary per agent that was reached before the time budget ran out. */
export interface ReconcileResult {
  readonly runId: string;
  readonly agents: readonly AgentSummary[];
  readonly requestsUsed: number;
  readonly rateLimited: number;
}

/**
 * Runs one reconcile: for every agent, finds calls that have no ledger record and were due to
 * have their webhook delivered, and queues them as `call.completed` messages with source
 * `reconcile`. Agents with the oldest watermark go first, so a short budget still reaches all
 * of them over several runs. Each failed agent adds one `ReconcileAgentsFailed`. Throws
 * `ReconcileAgentsUnavailableError` when the agent list cannot be read, and
 * `ReconcileAllAgentsFailedError` after the run when every agent reached failed.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileResult> {
  const startMs = deps.now();
  const deadlineMs = startMs + deps.settings.timeBudgetMs;
  const windowEndMs = startMs - deps.settings.settleDelayMs;
  deps.logger.info(ReconcilerLogMessage.runStarted, { request_id: deps.runId });

  const agentIds = await listAgentsOrThrow(deps, deadlineMs);
  const agents = await orderByWatermark(agentIds, deps.watermarks);
  const summaries: AgentSummary[] = [];
  for (const { agentId, watermarkMs } of agents) {
    if (deps.now() >= deadlineMs) {
      break;
    }
    const before = deps.client.usage();
    const context = { ...deps, deadlineMs, windowEndMs };
    const summary = await reconcileAgent(agentId, watermarkMs, context);
    const after = deps.client.usage();
    logAgentSummary(
      deps,
      summary,
      after.requests - before.requests,
      after.rateLimited - before.rateLimited,
    );
    if (summary.outcome === AgentOutcome.failed) {
      deps.metrics.addMetric(ReconcilerMetric.agentsFailed, MetricUnit.Count, 1);
    }
    summaries.push(summary);
  }

  const usage = deps.client.usage();
  const result = {
    runId: deps.runId,
    agents: summaries,
    requestsUsed: usage.requests,
    rateLimited: usage.rateLimited,
  };
  recordRunMetrics(deps.metrics, result);
  deps.logger.info(ReconcilerLogMessage.runFinished, {
    request_id: deps.runId,
    agents_total: agentIds.length,
    agents_reached: summaries.length,
    requests_used: usage.requests,
    rate_limited: usage.rateLimited,
  });
  if (summaries.length > 0 && summaries.every((s) => s.outcome === AgentOutcome.failed)) {
    throw new ReconcileAllAgentsFailedError(deps.runId, summaries.length);
  }

  return result;
}

async function listAgentsOrThrow(deps: ReconcileDeps, deadlineMs: number): Promise<string[]> {
  try {
    return await listAllAgentIds(deps.client, deadlineMs);
  } catch (error) {
    deps.logger.error(ReconcilerLogMessage.agentsUnavailable, { request_id: deps.runId, error });
    const usage = deps.client.usage();
    recordRunMetrics(deps.metrics, {
      runId: deps.runId,
      agents: [],
      requestsUsed: usage.requests,
      rateLimited: usage.rateLimited,
    });
    throw new ReconcileAgentsUnavailableError(deps.runId, { cause: error });
  }
}

async function orderByWatermark(
  agentIds: readonly string[],
  watermarks: WatermarkStore,
): Promise<{ agentId: string; watermarkMs?: number }[]> {
  const agents: { agentId: string; watermarkMs?: number }[] = [];
  for (const agentId of agentIds) {
    agents.push({ agentId, watermarkMs: await watermarks.read(agentId) });
  }

  return agents.sort(
    (a, b) =>
      (a.watermarkMs ?? Number.NEGATIVE_INFINITY) - (b.watermarkMs ?? Number.NEGATIVE_INFINITY),
  );
}

function logAgentSummary(
  deps: ReconcileDeps,
  summary: AgentSummary,
  requestsUsed: number,
  rateLimited: number,
): void {
  const level = summary.outcome === 'complete' ? 'info' : 'warn';
  deps.logger[level](ReconcilerLogMessage.agentSummary, {
    request_id: deps.runId,
    agent_id: summary.agentId,
    outcome: summary.outcome,
    calls_seen: summary.seen,
    calls_missed: summary.missed,
    calls_enqueued: summary.enqueued,
    calls_purged: summary.purged,
    calls_pending: summary.pending,
    requests_used: requestsUsed,
    rate_limited: rateLimited,
    watermark:
      summary.watermarkMs === undefined ? undefined : new Date(summary.watermarkMs).toISOString(),
  });
}

function recordRunMetrics(metrics: MetricsPort, result: ReconcileResult): void {
  const sum = (pick: (summary: AgentSummary) => number) =>
    result.agents.reduce((total, summary) => total + pick(summary), 0);
  metrics.addMetric(
    ReconcilerMetric.callsSeen,
    MetricUnit.Count,
    sum((s) => s.seen),
  );
  metrics.addMetric(
    ReconcilerMetric.callsMissed,
    MetricUnit.Count,
    sum((s) => s.missed),
  );
  metrics.addMetric(
    ReconcilerMetric.callsEnqueued,
    MetricUnit.Count,
    sum((s) => s.enqueued),
  );
  metrics.addMetric(ReconcilerMetric.apiRequests, MetricUnit.Count, result.requestsUsed);
  metrics.addMetric(ReconcilerMetric.rateLimited, MetricUnit.Count, result.rateLimited);
}
