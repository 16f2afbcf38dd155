import { ConsumerMetric } from '../observability/metric-names';
import { MetricUnit } from '../observability/metrics';
import type { ConsumerDependencies } from './consumer-dependencies';
import { type ConsumerMessage, readReceiveCount } from './consumer-message';
import { type HandledMessage, MessageOutcome, OutcomeReason } from './message-outcome';

/** Message of the one log line written per handled message. */
export const MESSAGE_HANDLED = 'message handled';

const METRIC_BY_OUTCOME = {
  [MessageOutcome.processed]: ConsumerMetric.processed,
  [MessageOutcome.duplicate]: ConsumerMetric.duplicate,
  [MessageOutcome.retry]: ConsumerMetric.retry,
  [MessageOutcome.quarantined]: ConsumerMetric.quarantined,
} as const;

/**
 * Writes the outcome log line and counts the outcome metric. Retries, quarantines and lost
 * leases log at warn level, the rest at info. The line carries ids only, never payload text.
 */
export function recordOutcome(
  message: ConsumerMessage,
  handled: HandledMessage,
  deps: Pick<ConsumerDependencies, 'logger' | 'metrics' | 'clock'>,
): void {
  const fields = {
    outcome: handled.outcome,
    reason: handled.reason,
    call_id: handled.callId,
    agent_id: handled.agentId,
    event: handled.event,
    source: handled.source,
    delay_ms: measureDelayMs(handled.receivedAt, deps.clock()),
    message_id: message.messageId,
    receive_count: readReceiveCount(message),
    request_id: handled.requestId,
    invalid_path: handled.invalidPath,
    error: handled.error,
  };
  if (isWarning(handled)) {
    deps.logger.warn(MESSAGE_HANDLED, fields);
  } else {
    deps.logger.info(MESSAGE_HANDLED, fields);
  }
  deps.metrics.addMetric(METRIC_BY_OUTCOME[handled.outcome], MetricUnit.Count, 1);
}

function isWarning(handled: HandledMessage): boolean {
  return (
    handled.outcome === MessageOutcome.retry ||
    handled.outcome === MessageOutcome.quarantined ||
    handled.reason === OutcomeReason.leaseLost
  );
}

function measureDelayMs(receivedAt: string | undefined, now: Date): number | undefined {
  const receivedMs = receivedAt === undefined ? Number.NaN : Date.parse(receivedAt);

  return Number.isNaN(receivedMs) ? undefined : now.getTime() - receivedMs;
}
