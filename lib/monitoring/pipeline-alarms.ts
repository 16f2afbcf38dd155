import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ReconcilerMetric } from '../../functions/observability/metric-names';
import { type MonitoredPipeline, MonitoringPeriod, serviceMetric } from './monitored-pipeline';

/** Thresholds of the pipeline alarms. */
export interface PipelineAlarmOptions {
  /** Age of the oldest queued message that raises an alarm. @default Duration.minutes(15) */
  readonly oldestMessageAge?: Duration;
}

/**
 * Creates the alarms of the pipeline, each notifying `topic` when it fires and when it clears.
 * Periods without data count as healthy, since an idle pipeline sends no metrics.
 */
export function createPipelineAlarms(
  scope: Construct,
  pipeline: MonitoredPipeline,
  topic: ITopic,
  options: PipelineAlarmOptions = {},
): Alarm[] {
  const oldestMessageAge = options.oldestMessageAge ?? Duration.minutes(15);
  const definitions: [string, string, IMetric, number][] = [
    [
      'DeadLetterQueueNotEmpty',
      'Messages reached the dead-letter queue: inspect them and run redrive after the fix.',
      pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: MonitoringPeriod,
        statistic: Stats.MAXIMUM,
      }),
      0,
    ],
    [
      'OldestMessageTooOld',
      `A queued message is older than ${oldestMessageAge.toMinutes()} minutes: the consumer is failing or too slow.`,
      pipeline.queue.metricApproximateAgeOfOldestMessage({
        period: MonitoringPeriod,
        statistic: Stats.MAXIMUM,
      }),
      oldestMessageAge.toSeconds(),
    ],
    [
      'IngestServerErrors',
      'The webhook endpoint answered 5xx: TalkPilot does not retry, so these calls wait for the reconciler.',
      pipeline.api.metricServerError({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
    ],
    [
      'ConsumerErrors',
      'The consumer function failed: see the consumer log group.',
      pipeline.consumerFunction.metricErrors({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
    ],
    [
      'ReconcilerErrors',
      'The reconciler function failed: see the reconciler log group.',
      pipeline.reconcilerFunction.metricErrors({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
    ],
    [
      'CallsMissed',
      'The reconciler found calls whose webhook never arrived: webhooks are being lost. Check the webhook URL on each agent.',
      serviceMetric('reconciler', ReconcilerMetric.callsMissed),
      0,
    ],
    [
      'ReconcileAgentsFailed',
      "The reconciler could not check an agent's calls (for example a key without calls:read): see 'reconcile agent failed' in the reconciler log group.",
      serviceMetric('reconciler', ReconcilerMetric.agentsFailed),
      0,
    ],
  ];

  return definitions.map(([id, description, metric, threshold]) => {
    const alarm = new Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    alarm.addOkAction(new SnsAction(topic));

    return alarm;
  });
}
