import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsManagerWebhookSecretSource } from '../../functions/secrets/secrets-manager-webhook-secret-source';
import {
  WebhookSecretInvalidError,
  WebhookSecretUnavailableError,
} from '../../functions/secrets/webhook-secret-source';

const SECRET_ID = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook';

describe('SecretsManagerWebhookSecretSource', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  let nowMs: number;

  beforeEach(() => {
    secretsManager.reset();
    nowMs = 1_000_000;
  });

  function createSource() {
    return new SecretsManagerWebhookSecretSource({
      secretId: SECRET_ID,
      client: new SecretsManagerClient({ region: 'eu-central-1' }),
      cacheSeconds: 300,
      now: () => nowMs,
    });
  }

  function returnSecret(value: unknown) {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(value) });
  }

  describe('valid secret', () => {
    it('returns current and previous', async () => {
      returnSecret({ current: 'c-1', previous: 'p-1' });

      const secrets = await createSource().getSecrets();

      expect(secrets).toEqual({ current: 'c-1', previous: 'p-1' });
      expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
        SecretId: SECRET_ID,
      });
    });

    it.each([
      ['missing', { current: 'c-1' }],
      ['null', { current: 'c-1', previous: null }],
      ['empty', { current: 'c-1', previous: '' }],
    ])('omits a %s previous secret', async (_name, value) => {
      returnSecret(value);

      const secrets = await createSource().getSecrets();

      expect(secrets).toEqual({ current: 'c-1' });
    });

    it('reads Secrets Manager once while the value is cached', async () => {
      returnSecret({ current: 'c-1' });
      const source = createSource();

      await source.getSecrets();
      await source.getSecrets();

      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    });
  });

  describe('forced refresh', () => {
    it('reads a rotated secret at once', async () => {
      returnSecret({ current: 'c-1' });
      const source = createSource();
      await source.getSecrets();
      returnSecret({ current: 'c-2', previous: 'c-1' });

      const secrets = await source.getSecrets({ forceRefresh: true });

      expect(secrets).toEqual({ current: 'c-2', previous: 'c-1' });
    });

    it('reads past the cache at most once per 30 seconds', async () => {
      returnSecret({ current: 'c-1' });
      const source = createSource();
      await source.getSecrets();

      await source.getSecrets({ forceRefresh: true });
      nowMs += 29_999;
      await source.getSecrets({ forceRefresh: true });
      const callsWithinInterval = secretsManager.commandCalls(GetSecretValueCommand).length;
      nowMs += 1;
      await source.getSecrets({ forceRefresh: true });

      expect(callsWithinInterval).toBe(2);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    });
  });

  describe('unusable secret', () => {
    it('throws WebhookSecretUnavailableError when the secret does not exist', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));

      const read = createSource().getSecrets();

      await expect(read).rejects.toBeInstanceOf(WebhookSecretUnavailableError);
    });

    it.each([
      ['plain text', 'not json'],
      ['missing current', JSON.stringify({ previous: 'p' })],
      ['empty current', JSON.stringify({ current: '' })],
      ['numeric previous', JSON.stringify({ current: 'c', previous: 1 })],
      ['array', JSON.stringify(['c'])],
    ])('throws WebhookSecretInvalidError for %s', async (_name, secretString) => {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretString });

      const read = createSource().getSecrets();

      await expect(read).rejects.toBeInstanceOf(WebhookSecretInvalidError);
    });

    it('never puts the secret value into the error message', async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .resolves({ SecretString: JSON.stringify({ current: 'c-very-secret', previous: 7 }) });

      const read = createSource().getSecrets();

      await expect(read).rejects.not.toThrow('c-very-secret');
    });
  });
});
