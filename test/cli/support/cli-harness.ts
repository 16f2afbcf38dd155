import { setTimeout as delay } from 'node:timers/promises';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CliContext } from '../../../cli/cli-context';
import { CliLocalRuntimeNotFoundError } from '../../../cli/cli-errors';
import { CliOutput } from '../../../cli/cli-output';
import type { Command } from '../../../cli/command';
import { allCommands } from '../../../cli/commands/all-commands';
import type { ConfirmPort } from '../../../cli/confirm-port';
import { runCli } from '../../../cli/run-cli';

/** Region of the mocked CloudFormation and Secrets Manager clients. */
export const TEST_REGION = 'eu-central-1';

/** Output of one command run. */
export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Parts of the context a test replaces; the rest are inert defaults. */
export interface HarnessOptions {
  readonly sqs?: SQSClient;
  readonly dynamodb?: DynamoDBClient;
  readonly env?: Record<string, string>;
  readonly findLocalTarget?: CliContext['findLocalTarget'];
  readonly fetch?: typeof fetch;
  readonly confirm?: ConfirmPort;
  readonly commands?: readonly Command[];
}

/** A terminal-less confirm port, as in CI. */
export const noTerminal: ConfirmPort = {
  interactive: false,
  confirm: () => Promise.reject(new Error('no terminal')),
};

/**
 * Runs the command line with captured output. CloudFormation and Secrets Manager clients are
 * real SDK clients, so `mockClient` from aws-sdk-client-mock intercepts them; SQS and DynamoDB
 * are the local servers' clients.
 */
export async function runCommand(argv: readonly string[], options: HarnessOptions = {}) {
  let stdout = '';
  let stderr = '';
  const output = new CliOutput({
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  const context: CliContext = {
    output,
    env: options.env ?? {},
    createAwsClients: () => ({
      cloudFormation: new CloudFormationClient(mockedClientConfig),
      secretsManager: new SecretsManagerClient(mockedClientConfig),
      sqs: options.sqs ?? unavailable<SQSClient>('sqs'),
      dynamodb: options.dynamodb ?? unavailable<DynamoDBClient>('dynamodb'),
    }),
    findLocalTarget:
      options.findLocalTarget ??
      (() => Promise.reject(new CliLocalRuntimeNotFoundError('no local runtime in this test'))),
    fetch: options.fetch ?? fetch,
    confirm: options.confirm ?? noTerminal,
    now: () => new Date(),
    sleep: () => delay(20),
  };
  const exitCode = await runCli(argv, options.commands ?? allCommands, context);

  return { exitCode, stdout, stderr } satisfies CliRun;
}

const mockedClientConfig = {
  region: TEST_REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

function unavailable<T>(name: string): T {
  return new Proxy({} as object, {
    get: () => {
      throw new Error(`the ${name} client is not part of this test`);
    },
  }) as T;
}
