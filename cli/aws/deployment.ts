import type { CliContext } from '../cli-context';
import { type OptionValues, stringOption } from '../command';
import type { AwsClients } from './aws-clients';
import { DEFAULT_STACK_NAME, readCdkContextString } from './cdk-context';
import { readStackOutputs, type StackOutputs } from './stack-outputs';

/** A deployed stack: its outputs and clients for its region. */
export interface Deployment {
  readonly outputs: StackOutputs;
  readonly clients: AwsClients;
}

/**
 * Reads the outputs of the stack named by `--stack` (default: `stackName` of the CDK context in
 * `cdk.json`, else `TalkPilotWebhooks`) in the region of `--region`.
 */
export async function openDeployment(
  context: CliContext,
  values: OptionValues,
): Promise<Deployment> {
  const region = stringOption(values, 'region');
  const clients = context.createAwsClients(region === undefined ? {} : { region });
  const stackName =
    stringOption(values, 'stack') ?? readCdkContextString('stackName') ?? DEFAULT_STACK_NAME;
  const outputs = await readStackOutputs(clients.cloudFormation, stackName);

  return { outputs, clients };
}
