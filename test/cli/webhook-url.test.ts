import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { CredentialsProviderError } from '@smithy/core/config';
import type { LocalTarget } from '../../cli/local/local-target';
import { runCommand, TEST_REGION } from './support/cli-harness';
import { mockStack, WEBHOOK_BASE_URL } from './support/stack-mocks';

const stack = mockStack();
const CURRENT = 'current-Secret_with+chars/48xxxxxxxxxxxxxxxxxxxxxx';
const PREVIOUS = 'previous-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxx';

afterEach(() => stack.reset());
afterAll(() => stack.restore());

describe('webhook-url', () => {
  describe('deployed stack', () => {
    it('prints the URL with the current secret to stdout', async () => {
      stack.givenStack('TalkPilotWebhooks');
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['webhook-url']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(`${WEBHOOK_BASE_URL}?secret=${encodeURIComponent(CURRENT)}\n`);
      expect(run.stderr).toBe('');
    });

    it('reads the stack named by --stack', async () => {
      stack.givenStack('Other');
      stack.givenWebhookSecret({ current: CURRENT });

      const run = await runCommand(['webhook-url', '--stack', 'Other']);

      expect(run.exitCode).toBe(0);
      const input = stack.cloudFormation.commandCalls(DescribeStacksCommand)[0]?.args[0].input;
      expect(input?.StackName).toBe('Other');
    });

    it('notes a rotation in progress on stderr without either secret', async () => {
      stack.givenStack('TalkPilotWebhooks');
      stack.givenWebhookSecret({ current: CURRENT, previous: PREVIOUS });

      const run = await runCommand(['webhook-url']);

      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain('rotation is in progress');
      expect(run.stderr).not.toContain(CURRENT);
      expect(run.stderr).not.toContain(PREVIOUS);
      expect(run.stdout).not.toContain(PREVIOUS);
    });
  });

  describe('failures', () => {
    it('names the stack, the region and the fix when the stack is missing', async () => {
      stack.givenNoStack('TalkPilotWebhooks');

      const run = await runCommand(['webhook-url']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        `Stack TalkPilotWebhooks not found in region ${TEST_REGION}. ` +
          'Deploy with npx cdk deploy or pass --stack/--region.\n',
      );
      expect(run.stdout).toBe('');
    });

    it('tells to configure credentials when the SDK finds none', async () => {
      stack.cloudFormation
        .on(DescribeStacksCommand)
        .rejects(new CredentialsProviderError('Could not load credentials from any providers'));

      const run = await runCommand(['webhook-url']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        'No AWS credentials found. Configure a profile (aws configure or aws sso login) or set ' +
          'AWS_ACCESS_KEY_ID; webhook-url, redrive and replay also run against npm start with ' +
          '--local.\n',
      );
    });

    it('rejects a secret that is not the expected JSON without printing it', async () => {
      stack.givenStack('TalkPilotWebhooks');
      stack.secretsManager.on(GetSecretValueCommand).resolves({ SecretString: CURRENT });

      const run = await runCommand(['webhook-url']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('is not JSON of the form');
      expect(run.stderr).not.toContain(CURRENT);
    });
  });

  describe('local runtime', () => {
    it('prints the local URL with the local secret', async () => {
      const local = { webhookUrl: 'http://127.0.0.1:3000/webhooks/talkpilot', secret: CURRENT };

      const run = await runCommand(['webhook-url', '--local'], {
        findLocalTarget: async () => local as LocalTarget,
      });

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(`${local.webhookUrl}?secret=${encodeURIComponent(CURRENT)}\n`);
      expect(stack.cloudFormation.calls()).toHaveLength(0);
    });
  });
});
