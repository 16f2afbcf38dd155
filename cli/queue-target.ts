import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { openDeployment } from './aws/deployment';
import { StackOutputKey } from './aws/stack-outputs';
import type { CliContext } from './cli-context';
import { booleanOption, type OptionValues } from './command';

/** The queues and ledger table that `redrive` and `replay` work on. */
export interface QueueTarget {
  /** "stack NAME in REGION" or "local runtime", for messages. */
  readonly description: string;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly tableName: string;
}

/** Resolves the queues and table of the local runtime with `--local`, else of the stack. */
export async function resolveQueueTarget(
  context: CliContext,
  values: OptionValues,
): Promise<QueueTarget> {
  if (booleanOption(values, 'local')) {
    const local = await context.findLocalTarget();

    return { ...local, description: 'local runtime' };
  }
  const { outputs, clients } = await openDeployment(context, values);

  return {
    description: `stack ${outputs.stackName} in ${outputs.region}`,
    sqs: clients.sqs,
    dynamodb: clients.dynamodb,
    queueUrl: outputs.require(StackOutputKey.queueUrl),
    deadLetterQueueUrl: outputs.require(StackOutputKey.deadLetterQueueUrl),
    tableName: outputs.require(StackOutputKey.ledgerTableName),
  };
}
