import type { Environment } from '../functions/config/read-env';
import type { AwsClientFactory } from './aws/aws-clients';
import type { CliOutput } from './cli-output';
import type { ConfirmPort } from './confirm-port';
import type { LocalTarget } from './local/local-target';

/** What every command receives: output, environment and factories, all replaceable in tests. */
export interface CliContext {
  readonly output: CliOutput;
  readonly env: Environment;
  readonly createAwsClients: AwsClientFactory;
  /** Finds the resources of the local runtime that `npm start` runs. */
  readonly findLocalTarget: () => Promise<LocalTarget>;
  readonly fetch: typeof fetch;
  readonly confirm: ConfirmPort;
  readonly now: () => Date;
  readonly sleep: (milliseconds: number) => Promise<void>;
}
