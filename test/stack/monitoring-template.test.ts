import type { Template } from 'aws-cdk-lib/assertions';
import { ConsumerMetric, ReconcilerMetric } from '../../functions/observability/metric-names';
import { synthesizeTestStack } from './support/synth-stack';

function dashboardBody(template: Template): string {
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];

  return JSON.stringify(dashboard?.Properties.DashboardBody);
}

describe('PipelineMonitoring', () => {
  let template: Template;
  let withoutEmail: Template;

  beforeAll(() => {
    ({ template } = synthesizeTestStack({ alarmEmail: 'ops@example.com' }));
    ({ template: withoutEmail } = synthesizeTestStack());
  });

  describe('alarms', () => {
    it('notifies the alarm topic from every alarm', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([
          { Ref: expect.stringMatching(/^MonitoringAlarmTopic/) },
        ]);
      }
      expect(alarms).toHaveLength(8);
    });

    it.each([
      ['the DLQ is not empty', 'ApproximateNumberOfMessagesVisible', 'AWS/SQS', 0],
      ['the oldest message is too old', 'ApproximateAgeOfOldestMessage', 'AWS/SQS', 900],
      ['ingest answers 5xx', '5xx', 'AWS/ApiGateway', 0],
      ['reconciler found missed calls', ReconcilerMetric.callsMissed, 'TalkPilotWebhooks', 0],
      ['a reconciler agent failed', ReconcilerMetric.agentsFailed, 'TalkPilotWebhooks', 0],
      ['the consumer quarantined a message', ConsumerMetric.quarantined, 'TalkPilotWebhooks', 0],
    ])('fires when %s', (_case, metricName, namespace, threshold) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metricName,
        Namespace: namespace,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it('fires on consumer and reconciler function errors', () => {
      const errorAlarms = template.findResources('AWS::CloudWatch::Alarm', {
        Properties: { MetricName: 'Errors', Namespace: 'AWS/Lambda' },
      });

      expect(Object.keys(errorAlarms)).toHaveLength(2);
    });

    it.each([
      [ReconcilerMetric.callsMissed, 'reconciler'],
      [ReconcilerMetric.agentsFailed, 'reconciler'],
      [ConsumerMetric.quarantined, 'consumer'],
    ])('watches %s with the %s service dimension', (metricName, service) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metricName,
        Dimensions: [{ Name: 'service', Value: service }],
      });
    });

    it.each([
      ['ApproximateNumberOfMessagesVisible', 'ignore'],
      ['ApproximateAgeOfOldestMessage', 'ignore'],
      ['5xx', 'notBreaching'],
      ['Errors', 'notBreaching'],
      [ReconcilerMetric.callsMissed, 'notBreaching'],
      [ReconcilerMetric.agentsFailed, 'notBreaching'],
      [ConsumerMetric.quarantined, 'notBreaching'],
    ])('treats missing %s data as %s', (metricName, treatMissingData) => {
      const alarms = Object.values(
        template.findResources('AWS::CloudWatch::Alarm', {
          Properties: { MetricName: metricName },
        }),
      );

      const rules = alarms.map((alarm) => alarm.Properties.TreatMissingData);

      expect(rules.length).toBeGreaterThan(0);
      expect(new Set(rules)).toEqual(new Set([treatMissingData]));
    });
  });

  describe('alarm e-mail', () => {
    it('subscribes the address from context', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@example.com',
      });
    });

    it('creates no subscription without an address', () => {
      withoutEmail.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  describe('dashboard', () => {
    it.each(Object.values(ConsumerMetric))('graphs the consumer outcome %s', (metricName) => {
      expect(dashboardBody(template)).toContain(`\\"${metricName}\\",\\"service\\",\\"consumer\\"`);
    });

    it.each([
      ReconcilerMetric.callsSeen,
      ReconcilerMetric.callsMissed,
      ReconcilerMetric.agentsFailed,
    ])('graphs the reconciler metric %s', (metricName) => {
      expect(dashboardBody(template)).toContain(
        `\\"${metricName}\\",\\"service\\",\\"reconciler\\"`,
      );
    });

    it.each(['ApproximateAgeOfOldestMessage', 'Throttles', '4xx', 'Latency'])(
      'graphs %s',
      (metricName) => {
        expect(dashboardBody(template)).toContain(`\\"${metricName}\\"`);
      },
    );
  });

  describe('saved queries', () => {
    it.each([
      ['processed-calls-by-agent', 'stats count(*) as calls by agent_id'],
      ['rejected-requests', 'message = "webhook rejected"'],
      ['call-history', 'call_id = "REPLACE_WITH_CALL_ID"'],
    ])('saves %s', (name, fragment) => {
      const queries = template.findResources('AWS::Logs::QueryDefinition', {
        Properties: { Name: `TalkPilotWebhooks/${name}` },
      });

      const queryStrings = Object.values(queries).map((query) => query.Properties.QueryString);

      expect(queryStrings).toEqual([expect.stringContaining(fragment)]);
    });
  });
});
