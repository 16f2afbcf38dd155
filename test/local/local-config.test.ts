import { ConfigInvalidError } from '../../functions/config/read-env';
import { readLocalConfig } from '../../local/local-config';

describe('readLocalConfig', () => {
  describe('defaults', () => {
    it('uses the documented defaults when nothing is set', () => {
      const config = readLocalConfig({}, '/work/app');

      expect(config).toEqual({
        port: 3000,
        dataDir: '/work/app/.data',
        webhookSecret: undefined,
        webhookSecretPrevious: undefined,
        visibilityTimeoutSeconds: 30,
        maxReceiveCount: 5,
        pollerConcurrency: 2,
        sqsPort: 0,
        dynamodbPort: 0,
        stopDrainSeconds: 30,
        ingest: { allowedSourceCidrs: [], maxMessageBytes: 1_048_576, queueSendDeadlineMs: 2500 },
        consumer: { leaseSeconds: 60, retentionDays: 30, employeeDedupeMinutes: 60 },
      });
    });
  });

  describe('set variables', () => {
    it('reads every variable when all are set', () => {
      const config = readLocalConfig(
        {
          PORT: '8080',
          DATA_DIR: 'state',
          WEBHOOK_SECRET: 'current',
          WEBHOOK_SECRET_PREVIOUS: 'previous',
          VISIBILITY_TIMEOUT_SECONDS: '5',
          MAX_RECEIVE_COUNT: '3',
          POLLER_CONCURRENCY: '4',
          SQS_PORT: '9324',
          DYNAMODB_PORT: '8000',
          STOP_DRAIN_SECONDS: '0',
          ALLOWED_SOURCE_CIDRS: '127.0.0.0/8',
          LEASE_SECONDS: '10',
        },
        '/work/app',
      );

      expect(config.port).toBe(8080);
      expect(config.dataDir).toBe('/work/app/state');
      expect(config.webhookSecret).toBe('current');
      expect(config.webhookSecretPrevious).toBe('previous');
      expect(config.visibilityTimeoutSeconds).toBe(5);
      expect(config.maxReceiveCount).toBe(3);
      expect(config.pollerConcurrency).toBe(4);
      expect(config.sqsPort).toBe(9324);
      expect(config.dynamodbPort).toBe(8000);
      expect(config.stopDrainSeconds).toBe(0);
      expect(config.ingest.allowedSourceCidrs).toEqual(['127.0.0.0/8']);
      expect(config.consumer.leaseSeconds).toBe(10);
    });

    it('ignores the AWS secret ARN when running locally', () => {
      const config = readLocalConfig({ WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:x' });

      expect(config.webhookSecret).toBeUndefined();
    });
  });

  describe('invalid variables', () => {
    it('lists every problem in one error when several values are invalid', () => {
      const env = {
        PORT: 'eighty',
        MAX_RECEIVE_COUNT: '0',
        VISIBILITY_TIMEOUT_SECONDS: '0',
        LEASE_SECONDS: '-1',
        ALLOWED_SOURCE_CIDRS: 'not-a-cidr',
        RECONCILE_INTERVAL_SECONDS: '1',
        STOP_DRAIN_SECONDS: '-1',
      };

      const read = () => readLocalConfig(env);

      expect(read).toThrow(ConfigInvalidError);
      const problems = catchProblems(read).join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('MAX_RECEIVE_COUNT');
      expect(problems).toContain('VISIBILITY_TIMEOUT_SECONDS');
      expect(problems).toContain('LEASE_SECONDS');
      expect(problems).toContain('ALLOWED_SOURCE_CIDRS');
      expect(problems).toContain('RECONCILE_INTERVAL_SECONDS');
      expect(problems).toContain('STOP_DRAIN_SECONDS');
    });

    it('rejects a log level that Powertools does not know', () => {
      const read = () => readLocalConfig({ POWERTOOLS_LOG_LEVEL: 'LOUD' });

      expect(catchProblems(read)).toEqual([
        'POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT',
      ]);
    });

    it('accepts a known log level in lower case', () => {
      const config = readLocalConfig({ POWERTOOLS_LOG_LEVEL: 'debug' }, '/work/app');

      expect(config.port).toBe(3000);
    });
  });
});

function catchProblems(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    return (error as ConfigInvalidError).problems;
  }

  return [];
}
