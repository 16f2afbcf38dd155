import { Duration, RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { API_KEY_PLACEHOLDER } from '../../functions/reconciler/api-key-placeholder';
import { HandlerFunction, type HandlerLoggingProps } from '../handler-function';

/**
 * Value of the API key secret until the user stores a key; the reconciler skips its run while
 * the secret holds it.
 */
export const ApiKeyPlaceholder = API_KEY_PLACEHOLDER;

/** Lambda timeout of the reconciler. */
export const ReconcilerTimeout = Duration.minutes(5);

/** Time the reconciler keeps free below its Lambda timeout to stop cleanly. */
export const ReconcilerTimeoutMargin = Duration.seconds(60);

/** Options of the scheduled reconciler and its API key secret. */
export interface CallReconciliationProps extends HandlerLoggingProps {
  /** Queue that missed calls go to. */
  readonly queue: IQueue;
  /** Dedupe ledger that also holds the reconciler's watermarks. */
  readonly ledgerTable: ITable;
  /** Minutes between two runs. @default 15 */
  readonly intervalMinutes?: number;
  /** Hours a first run looks back for an agent seen for the first time. @default 24 */
  readonly lookbackHours?: number;
  /** TalkPilot API requests per minute at most. @default 60 */
  readonly ratePerMinute?: number;
  /** TalkPilot API requests per hour at most. @default 1000 */
  readonly ratePerHour?: number;
  /** Base URL of TalkPilot's API. @default 'https://api.talkpilot.io/v1' */
  readonly talkpilotBaseUrl?: string;
  /** Removal policy of the API key secret on stack deletion. @default RETAIN */
  readonly secretRemovalPolicy?: RemovalPolicy;
  /** Handler entry file. @default functions/reconciler/handler.ts */
  readonly entry?: string;
}

/**
 * The catch-up flow: a schedule runs the reconciler, which lists recent calls through
 * TalkPilot's Calls API and queues those the ledger has never seen.
 */
export class CallReconciliation extends Construct {
  readonly function: NodejsFunction;
  readonly functionLogGroup: LogGroup;
  readonly apiKeySecret: Secret;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: CallReconciliationProps) {
    super(scope, id);

    this.apiKeySecret = createApiKeySecret(this, props.secretRemovalPolicy);
    const reconciler = new HandlerFunction(this, 'Reconciler', {
      ...props,
      name: 'reconciler',
      timeout: ReconcilerTimeout,
      environment: reconcilerEnvironment(props, this.apiKeySecret),
    });
    this.function = reconciler.function;
    this.functionLogGroup = reconciler.logGroup;
    // EventBridge invokes asynchronously, and by default Lambda retries a failed async run
    // twice. No retry is needed because the next scheduled run covers the same window.
    this.function.configureAsyncInvoke({ retryAttempts: 0 });
    this.grantAccess(props);

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Runs the TalkPilot call reconciler',
      schedule: Schedule.rate(Duration.minutes(props.intervalMinutes ?? 15)),
      // Covers delivery to Lambda only; the async invoke settings above cover a failed run.
      targets: [new LambdaFunction(this.function, { retryAttempts: 0 })],
    });
  }

  private grantAccess(props: CallReconciliationProps): void {
    props.queue.grantSendMessages(this.function);
    this.apiKeySecret.grantRead(this.function);
    props.ledgerTable.grant(
      this.function,
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    );
  }
}

function createApiKeySecret(scope: Construct, removalPolicy?: RemovalPolicy): Secret {
  const secret = new Secret(scope, 'ApiKeySecret', {
    description:
      'TalkPilot API key (tp_live_...) with agents:read and calls:read for the reconciler',
    secretStringValue: SecretValue.unsafePlainText(ApiKeyPlaceholder),
    removalPolicy: removalPolicy ?? RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'TalkPilot issues API keys in its dashboard and offers no API to create one, so Secrets Manager cannot rotate it; the user replaces the value.',
  });

  return secret;
}

function reconcilerEnvironment(
  props: CallReconciliationProps,
  apiKeySecret: Secret,
): Record<string, string> {
  const timeBudget = ReconcilerTimeout.minus(ReconcilerTimeoutMargin);

  return {
    QUEUE_URL: props.queue.queueUrl,
    LEDGER_TABLE_NAME: props.ledgerTable.tableName,
    TALKPILOT_BASE_URL: props.talkpilotBaseUrl ?? 'https://api.talkpilot.io/v1',
    TALKPILOT_API_KEY_SECRET_ARN: apiKeySecret.secretArn,
    RECONCILE_RATE_PER_MINUTE: String(props.ratePerMinute ?? 60),
    RECONCILE_RATE_PER_HOUR: String(props.ratePerHour ?? 1000),
    RECONCILE_TIME_BUDGET_SECONDS: String(timeBudget.toSeconds()),
    RECONCILE_LOOKBACK_HOURS: String(props.lookbackHours ?? 24),
  };
}
