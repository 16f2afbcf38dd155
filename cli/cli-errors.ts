/**
 * Base class of the operator command errors. The message is shown to the user as is, so it
 * names what failed and how to fix it, and never contains a secret or an API key.
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
}

/** Command-line arguments that are invalid or missing. */
export class CliUsageError extends CliError {
  override readonly name = 'CliUsageError';
}

/** The CloudFormation stack does not exist in the region. */
export class CliStackNotFoundError extends CliError {
  override readonly name = 'CliStackNotFoundError';

  constructor(
    readonly stackName: string,
    readonly region: string,
    options?: ErrorOptions,
  ) {
    super(
      `Stack ${stackName} not found in region ${region}. ` +
        'Deploy with npx cdk deploy or pass --stack/--region.',
      options,
    );
  }
}

/** The stack exists but lacks an output that the command needs. */
export class CliStackOutputMissingError extends CliError {
  override readonly name = 'CliStackOutputMissingError';

  constructor(
    readonly stackName: string,
    readonly outputKey: string,
  ) {
    super(
      `Stack ${stackName} has no output ${outputKey}. ` +
        'Deploy the current version with npx cdk deploy.',
    );
  }
}

/** The AWS SDK found no credentials. */
export class CliCredentialsMissingError extends CliError {
  override readonly name = 'CliCredentialsMissingError';

  constructor(options?: ErrorOptions) {
    super(
      'No AWS credentials found. Configure a profile (aws configure or aws sso login) or set ' +
        'AWS_ACCESS_KEY_ID; webhook-url, redrive and replay also run against npm start with --local.',
      options,
    );
  }
}

/** The AWS SDK found no region. */
export class CliRegionMissingError extends CliError {
  override readonly name = 'CliRegionMissingError';

  constructor(options?: ErrorOptions) {
    super(
      'No AWS region configured. Set AWS_REGION, configure a profile or pass --region.',
      options,
    );
  }
}

/** Neither `TALKPILOT_API_KEY` nor the stack's API key secret holds a key. */
export class CliApiKeyMissingError extends CliError {
  override readonly name = 'CliApiKeyMissingError';

  constructor(readonly detail: string) {
    super(
      `TalkPilot API key missing: ${detail}. Set TALKPILOT_API_KEY, or store the key in the ` +
        'secret named by the stack output ApiKeySecretArn.',
    );
  }
}

/** A secret value is not the JSON the commands expect. */
export class CliSecretInvalidError extends CliError {
  override readonly name = 'CliSecretInvalidError';
}

/** Someone else stored a new version of a secret between this command's read and write. */
export class CliSecretChangedError extends CliError {
  override readonly name = 'CliSecretChangedError';

  constructor(
    readonly secretId: string,
    options?: ErrorOptions,
  ) {
    super(
      `Secret ${secretId} was changed by someone else while this command ran (another ` +
        'rotate-secret?); this run changed nothing. Check the state with webhook-url, then run ' +
        'the command again if it is still needed.',
      options,
    );
  }
}

/** An SQS message move task already runs for the DLQ. */
export class CliMoveTaskRunningError extends CliError {
  override readonly name = 'CliMoveTaskRunningError';

  constructor(readonly sourceArn: string) {
    super(
      `A message move task is already running for ${sourceArn}. ` +
        'Wait for it to finish (check with redrive --status), then run redrive again.',
    );
  }
}

/** The local runtime of `npm start` is not running or not reachable. */
export class CliLocalRuntimeNotFoundError extends CliError {
  override readonly name = 'CliLocalRuntimeNotFoundError';
}

/** The user declined a confirmation, or no terminal was there to ask. */
export class CliNotConfirmedError extends CliError {
  override readonly name = 'CliNotConfirmedError';
}

/** One or more items of a batch command failed; the command already printed which. */
export class CliPartialFailureError extends CliError {
  override readonly name = 'CliPartialFailureError';
}
