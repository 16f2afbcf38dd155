import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

/** ARNs of the mocked stack's secrets. */
export const WEBHOOK_SECRET_ARN =
  'arn:aws:secretsmanager:eu-central-1:123456789012:secret:WebhookSecret-AbCdEf';
export const API_KEY_SECRET_ARN =
  'arn:aws:secretsmanager:eu-central-1:123456789012:secret:ApiKeySecret-GhIjKl';
export const WEBHOOK_BASE_URL =
  'https://abc123.execute-api.eu-central-1.amazonaws.com/webhooks/talkpilot';

/** Resources that the mocked stack outputs point to; tests use local queues and tables. */
export interface StackResources {
  readonly queueUrl?: string;
  readonly deadLetterQueueUrl?: string;
  readonly tableName?: string;
}

/** Mocks CloudFormation and Secrets Manager for one test file; call `reset()` in `afterEach`. */
export function mockStack() {
  const cloudFormation = mockClient(CloudFormationClient);
  const secretsManager = mockClient(SecretsManagerClient);

  return {
    cloudFormation,
    secretsManager,
    /** Makes DescribeStacks return a stack with every output. */
    givenStack(stackName: string, resources: StackResources = {}) {
      const outputs = {
        WebhookUrl: WEBHOOK_BASE_URL,
        WebhookSecretArn: WEBHOOK_SECRET_ARN,
        ApiKeySecretArn: API_KEY_SECRET_ARN,
        DashboardUrl: 'https://console.aws.amazon.com/cloudwatch/home#dashboards',
        QueueName: 'calls',
        QueueUrl: resources.queueUrl ?? 'https://sqs.eu-central-1.amazonaws.com/1/calls',
        DeadLetterQueueName: 'calls-dlq',
        DeadLetterQueueUrl:
          resources.deadLetterQueueUrl ?? 'https://sqs.eu-central-1.amazonaws.com/1/calls-dlq',
        LedgerTableName: resources.tableName ?? 'ledger',
      };
      cloudFormation.on(DescribeStacksCommand, { StackName: stackName }).resolves({
        Stacks: [
          {
            StackName: stackName,
            CreationTime: new Date(0),
            StackStatus: 'CREATE_COMPLETE',
            Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({
              OutputKey,
              OutputValue,
            })),
          },
        ],
      });
    },
    /** Makes DescribeStacks fail the way CloudFormation reports a missing stack. */
    givenNoStack(stackName: string) {
      cloudFormation.on(DescribeStacksCommand).rejects(
        new CloudFormationServiceException({
          name: 'ValidationError',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: `Stack with id ${stackName} does not exist`,
        }),
      );
    },
    /** Makes GetSecretValue return `value` as version `versionId` of the webhook secret. */
    givenWebhookSecret(value: { current: string; previous?: string }, versionId = 'version-1') {
      secretsManager
        .on(GetSecretValueCommand, { SecretId: WEBHOOK_SECRET_ARN })
        .resolves({ SecretString: JSON.stringify(value), VersionId: versionId });
    },
    /** Makes GetSecretValue return `apiKey` for the API key secret. */
    givenApiKeySecret(apiKey: string) {
      secretsManager
        .on(GetSecretValueCommand, { SecretId: API_KEY_SECRET_ARN })
        .resolves({ SecretString: apiKey });
    },
    /** The secret strings written with PutSecretValue, parsed. */
    writtenSecrets(): Array<{ current: string; previous?: string }> {
      return secretsManager
        .commandCalls(PutSecretValueCommand)
        .map((call) => JSON.parse(call.args[0].input.SecretString ?? '{}'));
    },
    reset() {
      cloudFormation.reset();
      secretsManager.reset();
    },
    restore() {
      cloudFormation.restore();
      secretsManager.restore();
    },
  };
}
