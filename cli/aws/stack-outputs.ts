import {
  type CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CliStackNotFoundError, CliStackOutputMissingError } from '../cli-errors';
import { callAws } from './aws-errors';

/** Output ids of the CDK stack that the operator commands read. */
export const StackOutputKey = {
  webhookUrl: 'WebhookUrl',
  webhookSecretArn: 'WebhookSecretArn',
  apiKeySecretArn: 'ApiKeySecretArn',
  dashboardUrl: 'DashboardUrl',
  queueName: 'QueueName',
  queueUrl: 'QueueUrl',
  deadLetterQueueName: 'DeadLetterQueueName',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  ledgerTableName: 'LedgerTableName',
} as const;

export type StackOutputKey = (typeof StackOutputKey)[keyof typeof StackOutputKey];

/** The outputs of one deployed stack. */
export class StackOutputs {
  constructor(
    readonly stackName: string,
    readonly region: string,
    private readonly values: ReadonlyMap<string, string>,
  ) {}

  /** Returns the output's value; throws `CliStackOutputMissingError` when it is absent. */
  require(key: StackOutputKey): string {
    const value = this.values.get(key);
    if (value === undefined || value === '') {
      throw new CliStackOutputMissingError(this.stackName, key);
    }

    return value;
  }
}

/**
 * Reads the outputs of `stackName` with DescribeStacks. Throws `CliStackNotFoundError` when the
 * stack does not exist in the client's region, and `CliCredentialsMissingError` without
 * credentials.
 */
export async function readStackOutputs(
  client: CloudFormationClient,
  stackName: string,
): Promise<StackOutputs> {
  const region = await callAws(() => client.config.region());
  const response = await callAws(async () => {
    try {
      return await client.send(new DescribeStacksCommand({ StackName: stackName }));
    } catch (error) {
      if (isStackMissingError(error)) {
        throw new CliStackNotFoundError(stackName, region, { cause: error });
      }
      throw error;
    }
  });
  const stack = response.Stacks?.[0];
  if (stack === undefined) {
    throw new CliStackNotFoundError(stackName, region);
  }
  const values = new Map<string, string>();
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey !== undefined && output.OutputValue !== undefined) {
      values.set(output.OutputKey, output.OutputValue);
    }
  }

  return new StackOutputs(stackName, region, values);
}

// CloudFormation reports a missing stack as a ValidationError, which the SDK models only as
// its service exception, so the message is the only way to tell it from other validation errors.
function isStackMissingError(error: unknown): boolean {
  return error instanceof CloudFormationServiceException && /does not exist/.test(error.message);
}
