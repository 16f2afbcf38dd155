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
import { ConsumerMetric, ReconcilerMetric } from '../../functions/observability/metric-names';
import { type MonitoredPipeline, MonitoringPeriod, serviceMetric } from './monitored-pipeline';

/** Thresholds of the pipeline alarms. */
export interface PipelineAlarmOptions {
  /** Age of the oldest queued message that raises an alarm. @default Duration.minutes(15) */
  readonly oldestMessageAge?: Duration;
}

/** One alarm: id, description, metric, threshold (fires above it) and missing-data rule. */
type AlarmDefinition = [string, string, IMetric, number, TreatMissingData];

/**
 * Creates the alarms of the pipeline, each notifying `topic` when it fires and when it clears.
 * For counts of events (errors, 5xx, missed or quarantined calls), a period without data counts
 * as healthy, since an idle pipeline sends no metrics. The queue alarms keep their last state
 * instead, because SQS stops sending metrics for a queue without activity for about six hours
 * while messages may still sit in it.
 */
export function createPipelineAlarms(
  scope: Construct,
  pipeline: MonitoredPipeline,
  topic: ITopic,
  options: PipelineAlarmOptions = {},
): Alarm[] {
  const oldestMessageAge = options.oldestMessageAge ?? Duration.minutes(15);
  const definitions: AlarmDefinition[] = [
    [
      'DeadLetterQueueNotEmpty',
      'Messages reached the dead-letter queue: inspect them and run redrive after the fix.',
      pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: MonitoringPeriod,
        statistic: Stats.MAXIMUM,
      }),
      0,
      TreatMissingData.IGNORE,
    ],
    [
      'OldestMessageTooOld',
      `A queued message is older than ${oldestMessageAge.toMinutes()} minutes: the consumer is failing or too slow.`,
      pipeline.queue.metricApproximateAgeOfOldestMessage({
        period: MonitoringPeriod,
        statistic: Stats.MAXIMUM,
      }),
      oldestMessageAge.toSeconds(),
      TreatMissingData.IGNORE,
    ],
    [
      'IngestServerErrors',
      'The webhook endpoint answered 5xx: TalkPilot does not retry, so these calls wait for the reconciler.',
      pipeline.api.metricServerError({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
    [
      'ConsumerErrors',
      'The consumer function failed: see the consumer log group.',
      pipeline.consumerFunction.metricErrors({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
    [
      'MessagesQuarantined',
      'The consumer quarantined messages it cannot process, for example after a TalkPilot payload change: see the reason of the lines with outcome "quarantined" in the consumer log group.',
      serviceMetric('consumer', ConsumerMetric.quarantined),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
    [
      'ReconcilerErrors',
      'The reconciler function failed: see the reconciler log group.',
      pipeline.reconcilerFunction.metricErrors({ period: MonitoringPeriod, statistic: Stats.SUM }),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
    [
      'CallsMissed',
      'The reconciler found calls whose webhook never arrived: webhooks are being lost. Check the webhook URL on each agent.',
      serviceMetric('reconciler', ReconcilerMetric.callsMissed),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
    [
      'ReconcileAgentsFailed',
      "The reconciler could not check an agent's calls (for example a key without calls:read): see 'reconcile agent failed' in the reconciler log group.",
      serviceMetric('reconciler', ReconcilerMetric.agentsFailed),
      0,
      TreatMissingData.NOT_BREACHING,
    ],
  ];

  return definitions.map(([id, description, metric, threshold, treatMissingData]) => {
    const alarm = new Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    alarm.addOkAction(new SnsAction(topic));

    return alarm;
  });
}
