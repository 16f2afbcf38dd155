import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  MathExpression,
  Stats,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import {
  ConsumerMetric,
  IngestMetric,
  ReconcilerMetric,
} from '../../functions/observability/metric-names';
import { type MonitoredPipeline, MonitoringPeriod, serviceMetric } from './monitored-pipeline';

const period = { period: MonitoringPeriod };

/**
 * Creates the dashboard: ingest requests, errors and latency; queue depth and age; DLQ depth;
 * consumer outcomes; reconciler findings; function errors and throttles; alarm states.
 */
export function createPipelineDashboard(
  scope: Construct,
  pipeline: MonitoredPipeline,
  alarms: readonly IAlarm[],
): Dashboard {
  const dashboard = new Dashboard(scope, 'Dashboard');
  dashboard.addWidgets(
    new AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24, height: 3 }),
  );
  dashboard.addWidgets(...ingestWidgets(pipeline));
  dashboard.addWidgets(...queueWidgets(pipeline));
  dashboard.addWidgets(...outcomeWidgets());
  dashboard.addWidgets(...functionWidgets(pipeline));

  return dashboard;
}

function graph(title: string, left: IMetric[], right: IMetric[] = []): GraphWidget {
  return new GraphWidget({ title, left, right, width: 8, height: 6 });
}

function ingestWidgets(pipeline: MonitoredPipeline): GraphWidget[] {
  const { api } = pipeline;

  return [
    graph('Webhook requests', [
      api.metricCount({ ...period, statistic: Stats.SUM, label: 'requests' }),
      api.metricClientError({ ...period, statistic: Stats.SUM, label: '4xx' }),
      api.metricServerError({ ...period, statistic: Stats.SUM, label: '5xx' }),
    ]),
    graph('Webhook latency (ms)', [
      api.metricLatency({ ...period, statistic: Stats.percentile(50), label: 'p50' }),
      api.metricLatency({ ...period, statistic: Stats.percentile(99), label: 'p99' }),
    ]),
    graph('Webhooks accepted and rejected', [
      // Ingest writes no metric per accepted webhook, which would add a log line to every
      // call; the API's own counts give the same figure.
      new MathExpression({
        expression: 'requests - clientErrors - serverErrors',
        usingMetrics: {
          requests: api.metricCount({ ...period, statistic: Stats.SUM }),
          clientErrors: api.metricClientError({ ...period, statistic: Stats.SUM }),
          serverErrors: api.metricServerError({ ...period, statistic: Stats.SUM }),
        },
        label: 'accepted',
        period: period.period,
      }),
      serviceMetric('ingest', IngestMetric.rejected),
      serviceMetric('ingest', IngestMetric.queueSendFailed),
    ]),
  ];
}

function queueWidgets(pipeline: MonitoredPipeline): GraphWidget[] {
  const max = { ...period, statistic: Stats.MAXIMUM };

  return [
    graph('Queue depth', [
      pipeline.queue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'visible' }),
      pipeline.queue.metricApproximateNumberOfMessagesNotVisible({ ...max, label: 'in flight' }),
    ]),
    graph('Age of oldest message (s)', [
      pipeline.queue.metricApproximateAgeOfOldestMessage({ ...max, label: 'oldest' }),
    ]),
    graph('Dead-letter queue depth', [
      pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'DLQ' }),
    ]),
  ];
}

function outcomeWidgets(): GraphWidget[] {
  return [
    graph(
      'Consumer outcomes',
      Object.values(ConsumerMetric).map((name) => serviceMetric('consumer', name)),
    ),
    graph('Reconciler calls seen and missed', [
      serviceMetric('reconciler', ReconcilerMetric.callsSeen),
      serviceMetric('reconciler', ReconcilerMetric.callsMissed),
      serviceMetric('reconciler', ReconcilerMetric.callsEnqueued),
    ]),
    graph('Reconciler API requests', [
      serviceMetric('reconciler', ReconcilerMetric.apiRequests),
      serviceMetric('reconciler', ReconcilerMetric.rateLimited),
      serviceMetric('reconciler', ReconcilerMetric.agentsFailed),
    ]),
  ];
}

function functionWidgets(pipeline: MonitoredPipeline): GraphWidget[] {
  const functions: [string, IFunction][] = [
    ['ingest', pipeline.ingestFunction],
    ['consumer', pipeline.consumerFunction],
    ['reconciler', pipeline.reconcilerFunction],
  ];
  const sum = { ...period, statistic: Stats.SUM };

  return [
    graph(
      'Function errors',
      functions.map(([name, fn]) => fn.metricErrors({ ...sum, label: name })),
    ),
    graph(
      'Function throttles',
      functions.map(([name, fn]) => fn.metricThrottles({ ...sum, label: name })),
    ),
    graph(
      'Function duration p99 (ms)',
      functions.map(([name, fn]) =>
        fn.metricDuration({ ...period, statistic: Stats.percentile(99), label: name }),
      ),
    ),
  ];
}
