import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { WEBHOOK_SECRET_LENGTH } from '../../cli/webhook/webhook-secret';
import { runCommand } from './support/cli-harness';
import { mockStack, WEBHOOK_SECRET_ARN } from './support/stack-mocks';

const stack = mockStack();
const CURRENT = 'current-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const PREVIOUS = 'previous-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxx';

beforeEach(() => stack.givenStack('TalkPilotWebhooks'));
afterEach(() => stack.reset());
afterAll(() => stack.restore());

describe('rotate-secret', () => {
  describe('start', () => {
    it('writes a new current secret and keeps the old one as previous', async () => {
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['rotate-secret']);

      expect(run.exitCode).toBe(0);
      const [written] = stack.writtenSecrets();
      expect(written?.previous).toBe(CURRENT);
      expect(written?.current).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(written?.current).toHaveLength(WEBHOOK_SECRET_LENGTH);
      const input = stack.secretsManager.commandCalls(PutSecretValueCommand)[0]?.args[0].input;
      expect(input?.SecretId).toBe(WEBHOOK_SECRET_ARN);
    });

    it('says the new secret is accepted within about 30 seconds', async () => {
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['rotate-secret']);

      expect(run.stdout).toContain('within about 30 seconds');
      expect(run.stdout).toContain('rotate-secret -- --finish');
    });

    it('prints neither the old nor the new secret', async () => {
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['rotate-secret']);

      const written = stack.writtenSecrets()[0]?.current ?? 'missing';
      const allOutput = run.stdout + run.stderr;
      expect(allOutput).not.toContain(CURRENT);
      expect(allOutput).not.toContain(written);
    });

    it('rejects a second start while a rotation is in progress', async () => {
      stack.givenWebhookSecret({ current: CURRENT, previous: PREVIOUS });

      const run = await runCommand(['rotate-secret']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('already in progress');
      expect(run.stderr).toContain('--finish');
      expect(stack.writtenSecrets()).toHaveLength(0);
    });

    it('starts over with --force while a rotation is in progress', async () => {
      stack.givenWebhookSecret({ current: CURRENT, previous: PREVIOUS });

      const run = await runCommand(['rotate-secret', '--force']);

      expect(run.exitCode).toBe(0);
      expect(stack.writtenSecrets()[0]?.previous).toBe(CURRENT);
    });
  });

  describe('finish', () => {
    it('drops the previous secret and keeps the current one', async () => {
      stack.givenWebhookSecret({ current: CURRENT, previous: PREVIOUS });

      const run = await runCommand(['rotate-secret', '--finish']);

      expect(run.exitCode).toBe(0);
      expect(stack.writtenSecrets()).toEqual([{ current: CURRENT }]);
      expect(run.stdout).toContain('SECRET_CACHE_SECONDS');
      expect(run.stdout + run.stderr).not.toContain(PREVIOUS);
    });

    it('changes nothing when no rotation is in progress', async () => {
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['rotate-secret', '--finish']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('nothing to finish');
      expect(stack.writtenSecrets()).toHaveLength(0);
    });
  });
});
