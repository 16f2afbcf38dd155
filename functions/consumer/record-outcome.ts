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
    ...describeDelivery(message, handled),
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

// The SQS message id and receive count matter when a message was retried or set aside. On a
// first delivery that succeeds they would only add bytes to the most frequent log line.
function describeDelivery(message: ConsumerMessage, handled: HandledMessage) {
  const receiveCount = readReceiveCount(message);
  const isFirstSuccess =
    receiveCount === 1 &&
    (handled.outcome === MessageOutcome.processed || handled.outcome === MessageOutcome.duplicate);

  return isFirstSuccess ? {} : { message_id: message.messageId, receive_count: receiveCount };
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
