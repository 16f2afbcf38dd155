import { Aws, type Duration } from 'aws-cdk-lib';
import type { Alarm, Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { createLogInsightsQueries } from '../monitoring/log-insights-queries';
import type { MonitoredPipeline } from '../monitoring/monitored-pipeline';
import { createPipelineAlarms } from '../monitoring/pipeline-alarms';
import { createPipelineDashboard } from '../monitoring/pipeline-dashboard';

/** Options of the monitoring flow. */
export interface PipelineMonitoringProps {
  /** Resources to watch. */
  readonly pipeline: MonitoredPipeline;
  /** Address that receives alarm e-mails after confirming. @default - no subscription */
  readonly alarmEmail?: string;
  /** Age of the oldest queued message that raises an alarm. @default Duration.minutes(15) */
  readonly oldestMessageAge?: Duration;
  /** Folder of the saved Logs Insights queries. @default 'TalkPilotWebhooks' */
  readonly queryFolder?: string;
}

/**
 * The monitoring flow: a dashboard, alarms sent to an SNS topic (and by e-mail when an address
 * is given), and saved Logs Insights queries over the function and access logs.
 */
export class PipelineMonitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;
  /** Console URL of the dashboard. */
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: PipelineMonitoringProps) {
    super(scope, id);

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'TalkPilot webhook alarms',
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    this.alarms = createPipelineAlarms(this, props.pipeline, this.alarmTopic, {
      oldestMessageAge: props.oldestMessageAge,
    });
    this.dashboard = createPipelineDashboard(this, props.pipeline, this.alarms);
    createLogInsightsQueries(this, props.pipeline, props.queryFolder ?? 'TalkPilotWebhooks');
    this.dashboardUrl = `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}
