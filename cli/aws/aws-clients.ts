import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The AWS clients that the operator commands use. */
export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly secretsManager: SecretsManagerClient;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
}

/** Options of `AwsClientFactory`. */
export interface AwsClientOptions {
  /** Region from `--region`; when unset the SDK reads `AWS_REGION` or the profile. */
  readonly region?: string;
}

/** Builds the clients for one command run; tests return mocked or local clients. */
export type AwsClientFactory = (options: AwsClientOptions) => AwsClients;

/** Creates real SDK clients with the default credential chain (env, profile, SSO, ...). */
export const createAwsClients: AwsClientFactory = (options) => {
  const config = options.region === undefined ? {} : { region: options.region };

  return {
    cloudFormation: new CloudFormationClient(config),
    secretsManager: new SecretsManagerClient(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
  };
};

/** Destroys the clients' HTTP agents so the process can exit. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.cloudFormation.destroy();
  clients.secretsManager.destroy();
  clients.sqs.destroy();
  clients.dynamodb.destroy();
}
