import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of every metric this project emits. */
export const METRICS_NAMESPACE = 'TalkPilotWebhooks';

/** The part of the Powertools metrics that the cores use, so tests can pass a counting fake. */
export type MetricsPort = Pick<Metrics, 'addMetric'>;

export { MetricUnit };

/**
 * Creates the metrics recorder for one function. Metrics are written in the embedded metric
 * format with the `service` dimension only: no dimension ever carries an id or personal data.
 */
export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
}
