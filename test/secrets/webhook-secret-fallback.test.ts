import {
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  SecretsManagerWebhookSecretSource,
  WEBHOOK_SECRET_REFRESH_FAILED,
} from '../../functions/secrets/secrets-manager-webhook-secret-source';
import { WebhookSecretUnavailableError } from '../../functions/secrets/webhook-secret-source';
import { createCapturingLogger } from '../ingest/support/capturing-logger';
import { advanceClock, useFakeClock } from './support/fake-clock';

const SECRET_ID = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook';
const CACHE_SECONDS = 300;

function outageError(): Error {
  return new InternalServiceError({ message: 'service unavailable', $metadata: {} });
}

describe('SecretsManagerWebhookSecretSource', () => {
  const secretsManager = mockClient(SecretsManagerClient);

  beforeEach(() => {
    secretsManager.reset();
    useFakeClock();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function createSource() {
    const log = createCapturingLogger();
    const source = new SecretsManagerWebhookSecretSource({
      secretId: SECRET_ID,
      client: new SecretsManagerClient({ region: 'eu-central-1' }),
      cacheSeconds: CACHE_SECONDS,
      logger: log.logger,
    });

    return { source, log };
  }

  function refreshFailures(log: ReturnType<typeof createCapturingLogger>) {
    return log.lines.filter((line) => line.message === WEBHOOK_SECRET_REFRESH_FAILED);
  }

  async function readThenFail(source: SecretsManagerWebhookSecretSource, error: Error) {
    secretsManager.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ current: 'c-1', previous: 'p-1' }),
    });
    await source.getSecrets();
    secretsManager.reset();
    secretsManager.on(GetSecretValueCommand).rejects(error);
    advanceClock(CACHE_SECONDS * 1000 + 1);
  }

  describe('outage after the cache expired', () => {
    it('returns the last good secrets when the read fails', async () => {
      const { source } = createSource();
      await readThenFail(source, outageError());

      const secrets = await source.getSecrets();

      expect(secrets).toEqual({ current: 'c-1', previous: 'p-1' });
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    });

    it('returns the last good secrets when a forced refresh fails', async () => {
      const { source } = createSource();
      await readThenFail(source, outageError());

      const secrets = await source.getSecrets({ forceRefresh: true });

      expect(secrets).toEqual({ current: 'c-1', previous: 'p-1' });
    });

    it('logs a warning with error names only', async () => {
      const { source, log } = createSource();
      await readThenFail(source, outageError());

      await source.getSecrets();

      const [warning] = refreshFailures(log);
      expect(warning?.level).toBe('warn');
      expect(warning?.fields).toEqual({
        error_name: 'WebhookSecretUnavailableError',
        cause_name: 'InternalServiceError',
        retry_after_seconds: 30,
      });
      expect(log.text()).not.toContain('c-1');
      expect(log.text()).not.toContain('service unavailable');
    });

    it('reads and warns at most once per 30 seconds', async () => {
      const { source, log } = createSource();
      await readThenFail(source, outageError());

      await source.getSecrets();
      advanceClock(29_999);
      await source.getSecrets({ forceRefresh: true });
      await source.getSecrets();
      const readsWithinInterval = secretsManager.commandCalls(GetSecretValueCommand).length;
      advanceClock(1);
      await source.getSecrets();

      expect(readsWithinInterval).toBe(1);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
      expect(refreshFailures(log)).toHaveLength(2);
    });

    it('returns the new value once Secrets Manager answers again', async () => {
      const { source } = createSource();
      await readThenFail(source, outageError());
      await source.getSecrets();
      secretsManager.reset();
      secretsManager
        .on(GetSecretValueCommand)
        .resolves({ SecretString: JSON.stringify({ current: 'c-2', previous: 'c-1' }) });
      advanceClock(30_000);

      const secrets = await source.getSecrets();

      expect(secrets).toEqual({ current: 'c-2', previous: 'c-1' });
    });
  });

  describe('invalid value after a good read', () => {
    it('returns the last good secrets and names the invalid value', async () => {
      const { source, log } = createSource();
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: '{"current":"c-1"}' });
      await source.getSecrets();
      secretsManager.reset();
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'not json' });
      advanceClock(CACHE_SECONDS * 1000 + 1);

      const secrets = await source.getSecrets();

      expect(secrets).toEqual({ current: 'c-1' });
      expect(refreshFailures(log)[0]?.fields.error_name).toBe('WebhookSecretInvalidError');
    });
  });

  describe('first read', () => {
    it('throws WebhookSecretUnavailableError when nothing was ever read', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
      const { source, log } = createSource();

      const read = source.getSecrets();

      await expect(read).rejects.toBeInstanceOf(WebhookSecretUnavailableError);
      expect(refreshFailures(log)).toHaveLength(0);
    });

    it('tries again on the next request after a failed first read', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .rejectsOnce(outageError())
        .resolves({ SecretString: '{"current":"c-1"}' });
      const { source } = createSource();
      await source.getSecrets().catch(() => undefined);

      const secrets = await source.getSecrets();

      expect(secrets).toEqual({ current: 'c-1' });
    });
  });
});
