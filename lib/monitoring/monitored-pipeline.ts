import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ServiceName } from '../../functions/observability/metric-names';
import { METRICS_NAMESPACE } from '../../functions/observability/metrics';

/** The resources of the pipeline that the dashboard, the alarms and the saved queries watch. */
export interface MonitoredPipeline {
  readonly api: HttpApi;
  readonly ingestFunction: IFunction;
  readonly consumerFunction: IFunction;
  readonly reconcilerFunction: IFunction;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly accessLogGroup: ILogGroup;
  readonly ingestLogGroup: ILogGroup;
  readonly consumerLogGroup: ILogGroup;
  readonly reconcilerLogGroup: ILogGroup;
}

/** Period of every graph and alarm unless stated otherwise. */
export const MonitoringPeriod = Duration.minutes(5);

/**
 * One of the handlers' custom metrics, summed per period: a count in the project's namespace
 * with the `service` dimension, as Powertools writes it.
 */
export function serviceMetric(
  service: (typeof ServiceName)[keyof typeof ServiceName],
  metricName: string,
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service },
    statistic: Stats.SUM,
    period: MonitoringPeriod,
  });
}
