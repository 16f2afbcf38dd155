import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CallReconciliation } from './constructs/call-reconciliation';
import { MessageProcessing } from './constructs/message-processing';
import { PipelineMonitoring } from './constructs/pipeline-monitoring';
import { WebhookIngest } from './constructs/webhook-ingest';
import type { StackSettings } from './context/stack-settings';
import type { HandlerName } from './handler-function';

/** Options of the whole stack. */
export interface TalkPilotWebhooksStackProps extends StackProps {
  readonly settings: StackSettings;
  /** Entry files that replace `functions/<name>/handler.ts`. @default - the real handlers */
  readonly entries?: Partial<Record<HandlerName, string>>;
}

/**
 * The deployed pipeline: webhook ingest, queue and consumer with the ledger, the scheduled
 * reconciler and the monitoring. Its outputs are what the deploy guide and the operator
 * commands read.
 */
export class TalkPilotWebhooksStack extends Stack {
  readonly ingest: WebhookIngest;
  readonly processing: MessageProcessing;
  readonly reconciliation: CallReconciliation;
  readonly monitoring: PipelineMonitoring;

  constructor(scope: Construct, id: string, props: TalkPilotWebhooksStackProps) {
    super(scope, id, {
      description: 'Receives TalkPilot webhooks and processes each call once',
      ...props,
    });

    const { settings, entries = {} } = props;
    const removalPolicy = settings.throwawayStage ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const logging = {
      logRetention: settings.logRetentionDays,
      logLevel: settings.logLevel,
      logRemovalPolicy: removalPolicy,
    };

    this.processing = new MessageProcessing(this, 'Processing', {
      ...logging,
      entry: entries.consumer,
      maxReceiveCount: settings.maxReceiveCount,
      consumerMaxConcurrency: settings.consumerMaxConcurrency,
      consumerTimeout: Duration.seconds(settings.consumerTimeoutSeconds),
      leaseSeconds: settings.leaseSeconds,
      retentionDays: settings.retentionDays,
      tableRemovalPolicy: removalPolicy,
    });
    this.ingest = new WebhookIngest(this, 'Ingest', {
      ...logging,
      entry: entries.ingest,
      queue: this.processing.queue,
      throttleRateLimit: settings.throttleRateLimit,
      throttleBurstLimit: settings.throttleBurstLimit,
      allowedSourceCidrs: settings.allowedSourceCidrs,
      secretRemovalPolicy: removalPolicy,
    });
    this.reconciliation = new CallReconciliation(this, 'Reconciliation', {
      ...logging,
      entry: entries.reconciler,
      queue: this.processing.queue,
      ledgerTable: this.processing.ledgerTable,
      intervalMinutes: settings.reconcileIntervalMinutes,
      lookbackHours: settings.reconcileLookbackHours,
      ratePerMinute: settings.reconcileRatePerMinute,
      ratePerHour: settings.reconcileRatePerHour,
      talkpilotBaseUrl: settings.talkpilotBaseUrl,
      secretRemovalPolicy: removalPolicy,
    });
    this.monitoring = new PipelineMonitoring(this, 'Monitoring', {
      alarmEmail: settings.alarmEmail,
      queryFolder: settings.stackName,
      pipeline: {
        api: this.ingest.api,
        ingestFunction: this.ingest.function,
        consumerFunction: this.processing.function,
        reconcilerFunction: this.reconciliation.function,
        queue: this.processing.queue,
        deadLetterQueue: this.processing.deadLetterQueue,
        accessLogGroup: this.ingest.accessLogGroup,
        ingestLogGroup: this.ingest.functionLogGroup,
        consumerLogGroup: this.processing.functionLogGroup,
        reconcilerLogGroup: this.reconciliation.functionLogGroup,
      },
    });

    this.addOutputs();
  }

  private addOutputs(): void {
    const outputs: [string, string, string][] = [
      ['WebhookUrl', this.ingest.webhookUrl, 'Webhook URL without the secret'],
      [
        'WebhookSecretArn',
        this.ingest.webhookSecret.secretArn,
        'Webhook secret (JSON current/previous)',
      ],
      [
        'ApiKeySecretArn',
        this.reconciliation.apiKeySecret.secretArn,
        'Secret for the TalkPilot API key',
      ],
      ['DashboardUrl', this.monitoring.dashboardUrl, 'CloudWatch dashboard'],
      ['QueueName', this.processing.queue.queueName, 'Queue between ingest and consumer'],
      ['QueueUrl', this.processing.queue.queueUrl, 'Queue between ingest and consumer'],
      ['DeadLetterQueueName', this.processing.deadLetterQueue.queueName, 'Dead-letter queue'],
      ['DeadLetterQueueUrl', this.processing.deadLetterQueue.queueUrl, 'Dead-letter queue'],
      ['LedgerTableName', this.processing.ledgerTable.tableName, 'Dedupe ledger table'],
    ];
    for (const [id, value, description] of outputs) {
      new CfnOutput(this, id, { value, description });
    }
  }
}
