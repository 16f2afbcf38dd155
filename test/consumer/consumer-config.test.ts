import { readConsumerConfig } from '../../functions/config/consumer-config';
import { ConfigInvalidError } from '../../functions/config/read-env';

describe('readConsumerConfig', () => {
  describe('defaults', () => {
    it('uses a 60 s lease, 30 days retention and a 60-minute employee window', () => {
      const config = readConsumerConfig({ LEDGER_TABLE_NAME: 'ledger' });

      expect(config).toEqual({
        ledgerTableName: 'ledger',
        leaseSeconds: 60,
        retentionDays: 30,
        employeeDedupeMinutes: 60,
      });
    });

    it('reads EMPLOYEE_DEDUPE_MINUTES', () => {
      const config = readConsumerConfig({
        LEDGER_TABLE_NAME: 'ledger',
        EMPLOYEE_DEDUPE_MINUTES: '15',
      });

      expect(config.employeeDedupeMinutes).toBe(15);
    });
  });

  describe('invalid values', () => {
    it('lists every problem in one error', () => {
      const read = () =>
        readConsumerConfig({
          LEASE_SECONDS: '0',
          RETENTION_DAYS: 'x',
          EMPLOYEE_DEDUPE_MINUTES: '0',
        });

      expect(read).toThrow(ConfigInvalidError);
      expect(read).toThrow(
        /LEDGER_TABLE_NAME is missing.*LEASE_SECONDS.*RETENTION_DAYS.*EMPLOYEE_DEDUPE_MINUTES/s,
      );
    });
  });
});
