import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction, type HandlerLoggingProps } from '../handler-function';
import { accessLogFormat } from './access-log-format';

/** Path of the webhook route; TalkPilot POSTs to `<api endpoint><path>?secret=<secret>`. */
export const WebhookPath = '/webhooks/talkpilot';

/** Options of the webhook receiving flow. */
export interface WebhookIngestProps extends HandlerLoggingProps {
  /** Queue that accepted webhooks go to. */
  readonly queue: IQueue;
  /** Steady-state request rate of the API stage, per second. @default 50 */
  readonly throttleRateLimit?: number;
  /** Burst of requests the API stage accepts above the rate. @default 100 */
  readonly throttleBurstLimit?: number;
  /** Source CIDR ranges the ingest function accepts. @default [] (any source) */
  readonly allowedSourceCidrs?: readonly string[];
  /** Removal policy of the webhook secret on stack deletion. @default RETAIN */
  readonly secretRemovalPolicy?: RemovalPolicy;
  /** Handler entry file. @default functions/ingest/handler.ts */
  readonly entry?: string;
}

/**
 * The receiving end: an HTTP API with the route `POST /webhooks/talkpilot`, the ingest
 * function that checks the shared secret and queues the payload, and the generated secret.
 */
export class WebhookIngest extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly function: NodejsFunction;
  readonly functionLogGroup: LogGroup;
  readonly accessLogGroup: LogGroup;
  readonly webhookSecret: Secret;
  /** Webhook URL without the secret. */
  readonly webhookUrl: string;

  constructor(scope: Construct, id: string, props: WebhookIngestProps) {
    super(scope, id);

    this.webhookSecret = createWebhookSecret(this, props.secretRemovalPolicy);
    const handler = new HandlerFunction(this, 'Ingest', {
      ...props,
      name: 'ingest',
      timeout: Duration.seconds(10),
      environment: ingestEnvironment(props, this.webhookSecret),
    });
    this.function = handler.function;
    this.functionLogGroup = handler.logGroup;
    props.queue.grantSendMessages(this.function);
    this.webhookSecret.grantRead(this.function);

    this.accessLogGroup = new LogGroup(this, 'AccessLogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', {
      description: 'Receives TalkPilot webhooks',
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttleRateLimit ?? 50,
        burstLimit: props.throttleBurstLimit ?? 100,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(accessLogFormat),
      },
    });
    // Every method reaches the function on this one path, so a GET or PUT gets the handler's
    // 405 with `Allow: POST` rather than API Gateway's 404; other paths still get the 404.
    this.api.addRoutes({
      path: WebhookPath,
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('IngestIntegration', this.function),
    });
    this.webhookUrl = `${this.api.apiEndpoint}${WebhookPath}`;
    acknowledgeNagFindings(this);
  }
}

function createWebhookSecret(scope: Construct, removalPolicy?: RemovalPolicy): Secret {
  const secret = new Secret(scope, 'WebhookSecret', {
    description:
      'Shared secret of the TalkPilot webhook URL (?secret=...), as JSON {"current","previous"}',
    generateSecretString: {
      secretStringTemplate: '{}',
      generateStringKey: 'current',
      excludePunctuation: true,
      includeSpace: false,
      passwordLength: 48,
    },
    removalPolicy: removalPolicy ?? RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'TalkPilot cannot fetch a new secret itself: rotation needs the new URL on every agent, so it is started by the operator (rotate-secret) and not by a rotation Lambda.',
  });

  return secret;
}

function ingestEnvironment(props: WebhookIngestProps, secret: Secret): Record<string, string> {
  const environment: Record<string, string> = {
    QUEUE_URL: props.queue.queueUrl,
    WEBHOOK_SECRET_ARN: secret.secretArn,
  };
  const cidrs = props.allowedSourceCidrs ?? [];
  if (cidrs.length > 0) {
    environment.ALLOWED_SOURCE_CIDRS = cidrs.join(',');
  }

  return environment;
}

function acknowledgeNagFindings(ingest: WebhookIngest): void {
  Validations.of(ingest.api).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'TalkPilot sends no authorization header: the ingest function checks the shared secret of the URL in constant time and answers 401 before anything is queued.',
  });
}
