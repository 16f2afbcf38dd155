import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { API_KEY_PLACEHOLDER } from '../../cli/register/api-key';
import { ApiKeyPlaceholder } from '../../lib/constructs/call-reconciliation';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import {
  STAND_IN_API_KEY,
  startTalkPilotStandIn,
  type TalkPilotStandIn,
} from '../support/talkpilot-stand-in';
import { runCommand } from './support/cli-harness';
import { API_KEY_SECRET_ARN, mockStack, WEBHOOK_BASE_URL } from './support/stack-mocks';

const stack = mockStack();
const SECRET = 'current-secret-value-xxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const NEW_URL = `${WEBHOOK_BASE_URL}?secret=${SECRET}`;
const MASKED_NEW_URL = `${WEBHOOK_BASE_URL}?secret=***`;
let aws: LocalAws;
let standIn: TalkPilotStandIn;

beforeAll(async () => {
  aws = await startLocalAws();
});
beforeEach(async () => {
  standIn = await startTalkPilotStandIn();
  stack.givenStack('TalkPilotWebhooks', { tableName: await aws.createTable() });
  stack.givenWebhookSecret({ current: SECRET });
  stack.givenApiKeySecret(STAND_IN_API_KEY);
});
afterEach(async () => {
  stack.reset();
  await standIn.close();
});
afterAll(async () => {
  stack.restore();
  await aws.stop();
});

function register(argv: readonly string[] = [], env: Record<string, string> = {}) {
  return runCommand(['register', ...argv], {
    dynamodb: aws.dynamodb,
    env: { TALKPILOT_BASE_URL: standIn.baseUrl, ...env },
  });
}

function patches() {
  return standIn.requests.filter((request) => request.method === 'PATCH');
}

describe('register', () => {
  describe('dry run', () => {
    it('shows each change with the secret masked and patches nothing', async () => {
      const agent = standIn.addAgent({
        post_call_webhook_url: 'https://old.example/hook?secret=old',
      });

      const run = await register();

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain(
        `Agent ${agent.id} (${agent.name}): https://old.example/hook?… -> ${MASKED_NEW_URL}`,
      );
      expect(run.stdout).toContain('Dry run: 1 of 1 agents would change.');
      expect(patches()).toHaveLength(0);
    });

    it.each([
      ['a token parameter', 'https://old.example/hook?token=tok-123', 'https://old.example/hook?…'],
      [
        'a Secret parameter',
        'https://old.example/a/b?x=1&Secret=sec-456',
        'https://old.example/a/b?…',
      ],
      ['user info', 'https://user:pw-789@old.example/hook', 'https://old.example/hook'],
      ['a fragment', 'https://old.example/hook#key=frag-000', 'https://old.example/hook'],
      ['another scheme', 'ftp-x:opaque-credential', 'ftp-x:…'],
      ['no URL at all', 'not a url key-111', '(unreadable URL)'],
    ])('shows only origin and path of a URL with %s', async (_name, oldUrl, shown) => {
      const agent = standIn.addAgent({ post_call_webhook_url: oldUrl });

      const run = await register();

      expect(run.stdout).toContain(`Agent ${agent.id} (${agent.name}): ${shown} -> `);
      expect(run.stdout).not.toMatch(/tok-123|sec-456|pw-789|frag-000|opaque-credential|key-111/);
    });

    it('shows the masked new URL for an agent already set', async () => {
      const agent = standIn.addAgent({ post_call_webhook_url: NEW_URL });

      const run = await register();

      expect(run.stdout).toContain(`Agent ${agent.id} (${agent.name}): already ${MASKED_NEW_URL}`);
    });

    it('never prints the webhook secret or the API key', async () => {
      standIn.addAgent({ post_call_webhook_url: NEW_URL });
      standIn.addAgent();

      const run = await register(['--yes']);

      const allOutput = run.stdout + run.stderr;
      expect(allOutput).not.toContain(SECRET);
      expect(allOutput).not.toContain(STAND_IN_API_KEY);
    });
  });

  describe('apply', () => {
    it('sets only post_call_webhook_url on the agents that differ', async () => {
      const outdated = standIn.addAgent();
      const current = standIn.addAgent({ post_call_webhook_url: NEW_URL });

      const run = await register(['--yes']);

      expect(run.exitCode).toBe(0);
      expect(patches().map((request) => request.path)).toEqual([`/agents/${outdated.id}`]);
      expect(outdated.post_call_webhook_url).toBe(NEW_URL);
      expect(run.stdout).toContain(
        `Agent ${current.id} (${current.name}): already ${MASKED_NEW_URL}`,
      );
      expect(run.stdout).toContain('Updated 1 of 2 agents.');
    });

    it('changes only the agents given with --agent', async () => {
      const chosen = standIn.addAgent();
      const other = standIn.addAgent();

      const run = await register(['--yes', '--agent', chosen.id]);

      expect(run.exitCode).toBe(0);
      expect(chosen.post_call_webhook_url).toBe(NEW_URL);
      expect(other.post_call_webhook_url).toBeNull();
    });

    it('reports an agent the key does not see and exits 1', async () => {
      const known = standIn.addAgent();

      const run = await register(['--yes', '--agent', known.id, '--agent', 'missing-agent']);

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        'Agent missing-agent: not found, or not visible to this API key',
      );
      expect(known.post_call_webhook_url).toBe(NEW_URL);
    });

    it('reports a failed update per agent and exits 1', async () => {
      const failing = standIn.addAgent();
      const fine = standIn.addAgent();
      standIn.fail({ method: 'PATCH', path: `/agents/${failing.id}`, status: 403 });

      const run = await register(['--yes']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`Agent ${failing.id}: failed, the API key lacks a permission`);
      expect(run.stderr).toContain('1 of 2 agents failed');
      expect(fine.post_call_webhook_url).toBe(NEW_URL);
    });
  });

  describe('API key', () => {
    it('uses TALKPILOT_API_KEY before the stack secret', async () => {
      standIn.addAgent();

      const run = await register([], { TALKPILOT_API_KEY: STAND_IN_API_KEY });

      expect(run.exitCode).toBe(0);
      const secretIds = stack.secretsManager
        .commandCalls(GetSecretValueCommand)
        .map((call) => call.args[0].input.SecretId);
      expect(secretIds).not.toContain(API_KEY_SECRET_ARN);
    });

    it('names the fix when the secret still holds the placeholder', async () => {
      stack.givenApiKeySecret(API_KEY_PLACEHOLDER);

      const run = await register();

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        `TalkPilot API key missing: secret ${API_KEY_SECRET_ARN} holds no key yet. Set ` +
          'TALKPILOT_API_KEY, or store the key in the secret named by the stack output ' +
          'ApiKeySecretArn.\n',
      );
    });

    it('keeps the placeholder equal to the one the stack writes', () => {
      expect(API_KEY_PLACEHOLDER).toBe(ApiKeyPlaceholder);
    });

    it('explains a key that TalkPilot rejects', async () => {
      stack.givenApiKeySecret('tp_live_ffffffffffffffffffffffffffffffff');

      const run = await register();

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('TalkPilot rejected the API key (HTTP 401)');
      expect(run.stderr).not.toContain('tp_live_ffff');
    });
  });
});
