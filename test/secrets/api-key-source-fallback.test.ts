import {
  GetSecretValueCommand,
  InternalServiceError,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  API_KEY_REFRESH_FAILED,
  createApiKeySource,
  ReconcileApiKeyInvalidError,
  ReconcileApiKeyUnavailableError,
} from '../../functions/reconciler/api-key-source';
import { createCapturingLogger } from '../ingest/support/capturing-logger';
import { advanceClock, useFakeClock } from './support/fake-clock';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:api-key';
const API_KEY = 'tp_live_0123456789abcdef';

describe('createApiKeySource with Secrets Manager', () => {
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
    const source = createApiKeySource(
      { kind: 'secrets-manager', secretArn: SECRET_ARN },
      {
        client: new SecretsManagerClient({ region: 'eu-central-1' }),
        cacheSeconds: 300,
        logger: log.logger,
      },
    );

    return { source, log };
  }

  function failReads() {
    secretsManager.reset();
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(new InternalServiceError({ message: 'service unavailable', $metadata: {} }));
  }

  describe('outage after the cache expired', () => {
    it('returns the last key read and logs a warning once', async () => {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: API_KEY });
      const { source, log } = createSource();
      await source();
      failReads();
      advanceClock(301_000);

      const keys = [await source(), await source()];

      expect(keys).toEqual([API_KEY, API_KEY]);
      const warnings = log.lines.filter((line) => line.message === API_KEY_REFRESH_FAILED);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');
      expect(log.text()).not.toContain(API_KEY);
    });
  });

  describe('first read', () => {
    it('throws ReconcileApiKeyUnavailableError when nothing was ever read', async () => {
      failReads();
      const { source } = createSource();

      const read = source();

      await expect(read).rejects.toBeInstanceOf(ReconcileApiKeyUnavailableError);
    });
  });

  describe('key invalid in a header', () => {
    it('throws even after a good key was read', async () => {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: API_KEY });
      const { source } = createSource();
      await source();
      secretsManager.reset();
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: `${API_KEY}\nsecond` });
      advanceClock(301_000);

      const read = source();

      await expect(read).rejects.toBeInstanceOf(ReconcileApiKeyInvalidError);
    });
  });
});
