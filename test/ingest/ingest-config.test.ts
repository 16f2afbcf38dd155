import { readIngestConfig } from '../../functions/config/ingest-config';
import { ConfigInvalidError } from '../../functions/config/read-env';

describe('readIngestConfig', () => {
  describe('valid environment', () => {
    it('applies the defaults for a local secret', () => {
      const config = readIngestConfig({ QUEUE_URL: 'http://127.0.0.1/q', WEBHOOK_SECRET: 's' });

      expect(config).toEqual({
        queueUrl: 'http://127.0.0.1/q',
        secret: { kind: 'static', current: 's' },
        allowedSourceCidrs: [],
        secretCacheSeconds: 300,
        maxMessageBytes: 1_048_576,
        queueSendDeadlineMs: 2500,
      });
    });

    it('prefers the Secrets Manager ARN and reads every variable', () => {
      const config = readIngestConfig({
        QUEUE_URL: 'q',
        WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:1:secret:x',
        WEBHOOK_SECRET: 'ignored',
        ALLOWED_SOURCE_CIDRS: '198.51.100.0/24, 2001:db8::/32',
        SECRET_CACHE_SECONDS: '60',
        MAX_MESSAGE_BYTES: '262144',
        QUEUE_SEND_DEADLINE_MS: '1500',
      });

      expect(config.secret).toEqual({
        kind: 'secrets-manager',
        secretArn: 'arn:aws:secretsmanager:eu-central-1:1:secret:x',
      });
      expect(config.allowedSourceCidrs).toEqual(['198.51.100.0/24', '2001:db8::/32']);
      expect(config.secretCacheSeconds).toBe(60);
      expect(config.maxMessageBytes).toBe(262_144);
      expect(config.queueSendDeadlineMs).toBe(1500);
    });
  });

  describe('invalid environment', () => {
    it('lists every problem in one error', () => {
      const read = () =>
        readIngestConfig({ ALLOWED_SOURCE_CIDRS: '10.0.0.0/99', MAX_MESSAGE_BYTES: '2000000' });

      expect(read).toThrow(ConfigInvalidError);
      const problems = (() => {
        try {
          read();
        } catch (error) {
          return (error as ConfigInvalidError).problems;
        }

        return [];
      })();
      expect(problems).toHaveLength(4);
    });
  });
});
