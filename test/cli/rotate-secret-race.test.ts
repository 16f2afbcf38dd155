import {
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  SecretsManagerServiceException,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { runCommand } from './support/cli-harness';
import { mockStack, WEBHOOK_SECRET_ARN } from './support/stack-mocks';

const stack = mockStack();
const CURRENT = 'current-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const PREVIOUS = 'previous-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxx';

beforeEach(() => stack.givenStack('TalkPilotWebhooks'));
afterEach(() => stack.reset());
afterAll(() => stack.restore());

/** The rejection Secrets Manager gives when `RemoveFromVersionId` is not the labelled version. */
function labelMovedError() {
  return new InvalidParameterException({
    $metadata: { httpStatusCode: 400 },
    message: 'The parameter RemoveFromVersionId does not match the version with AWSCURRENT.',
  });
}

/**
 * Keeps the secret's versions in memory and moves `AWSCURRENT` only from the version named by
 * `RemoveFromVersionId`, as Secrets Manager does.
 */
function givenVersionedSecret(value: { current: string; previous?: string }) {
  const versions = new Map([['version-1', JSON.stringify(value)]]);
  let currentVersion = 'version-1';
  stack.secretsManager.on(GetSecretValueCommand).callsFake(async () => ({
    SecretString: versions.get(currentVersion),
    VersionId: currentVersion,
  }));
  stack.secretsManager.on(PutSecretValueCommand).callsFake(async (input) => {
    versions.set(input.ClientRequestToken, input.SecretString);

    return { VersionId: input.ClientRequestToken };
  });
  stack.secretsManager.on(UpdateSecretVersionStageCommand).callsFake(async (input) => {
    if (input.RemoveFromVersionId !== currentVersion) {
      throw labelMovedError();
    }
    currentVersion = input.MoveToVersionId;

    return {};
  });

  return { current: () => JSON.parse(versions.get(currentVersion) ?? '{}') };
}

describe('rotate-secret versions', () => {
  describe('write', () => {
    it('moves AWSCURRENT to the new version only from the version it read', async () => {
      stack.givenWebhookSecret({ current: CURRENT }, 'version-7');

      const run = await runCommand(['rotate-secret']);

      expect(run.exitCode).toBe(0);
      const put = stack.secretsManager.commandCalls(PutSecretValueCommand)[0]?.args[0].input;
      expect(put?.VersionStages).toEqual(['AWSPENDING']);
      const move = stack.secretsManager.commandCalls(UpdateSecretVersionStageCommand)[0]?.args[0]
        .input;
      expect(move).toEqual({
        SecretId: WEBHOOK_SECRET_ARN,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: put?.ClientRequestToken,
        RemoveFromVersionId: 'version-7',
      });
    });

    it('lets only one of two concurrent starts take effect', async () => {
      const secret = givenVersionedSecret({ current: CURRENT });

      const runs = await Promise.all([
        runCommand(['rotate-secret']),
        runCommand(['rotate-secret']),
      ]);

      const exitCodes = runs.map((run) => run.exitCode).sort();
      expect(exitCodes).toEqual([0, 1]);
      const failed = runs.find((run) => run.exitCode === 1);
      expect(failed?.stderr).toContain('was changed by someone else while this command ran');
      expect(secret.current().previous).toBe(CURRENT);
      expect(failed?.stdout + (failed?.stderr ?? '')).not.toContain(CURRENT);
    });

    it('keeps a start that ran during --finish from being undone', async () => {
      const secret = givenVersionedSecret({ current: CURRENT, previous: PREVIOUS });

      const runs = await Promise.all([
        runCommand(['rotate-secret', '--finish']),
        runCommand(['rotate-secret', '--force']),
      ]);

      expect(runs.map((run) => run.exitCode).sort()).toEqual([0, 1]);
      const started = runs[1]?.exitCode === 0;
      expect(secret.current().previous).toBe(started ? CURRENT : undefined);
    });

    it('rethrows a failed move when the secret did not change', async () => {
      stack.givenWebhookSecret({ current: CURRENT });
      stack.secretsManager.on(UpdateSecretVersionStageCommand).rejects(
        new SecretsManagerServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'not authorized to perform secretsmanager:UpdateSecretVersionStage',
        }),
      );

      const run = await runCommand(['rotate-secret']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('AccessDeniedException');
      expect(run.stderr).not.toContain('changed by someone else');
    });
  });

  describe('finish', () => {
    it('reminds that employee webhooks need the new URL too', async () => {
      stack.givenWebhookSecret({ current: CURRENT, previous: PREVIOUS });

      const run = await runCommand(['rotate-secret', '--finish']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('Settings > Webhooks');
      expect(run.stdout).toContain('not by register');
    });
  });
});
