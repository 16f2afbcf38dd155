import { createStaticWebhookSecretSource } from '../../functions/secrets/static-webhook-secret-source';

describe('createStaticWebhookSecretSource', () => {
  describe('values', () => {
    it('returns current and previous, also on a forced refresh', async () => {
      const source = createStaticWebhookSecretSource({ current: 'c', previous: 'p' });

      const secrets = await source.getSecrets({ forceRefresh: true });

      expect(secrets).toEqual({ current: 'c', previous: 'p' });
    });

    it('omits an empty previous secret', async () => {
      const source = createStaticWebhookSecretSource({ current: 'c', previous: '' });

      const secrets = await source.getSecrets();

      expect(secrets).toEqual({ current: 'c' });
    });
  });
});
