import { readConsumerConfig } from '../../functions/config/consumer-config';
import { ConfigInvalidError } from '../../functions/config/read-env';

describe('readConsumerConfig', () => {
  describe('defaults', () => {
    it('uses a 60 s lease and 30 days retention when unset', () => {
      const config = readConsumerConfig({ LEDGER_TABLE_NAME: 'ledger' });

      expect(config).toEqual({ ledgerTableName: 'ledger', leaseSeconds: 60, retentionDays: 30 });
    });
  });

  describe('invalid values', () => {
    it('lists every problem in one error', () => {
      const read = () => readConsumerConfig({ LEASE_SECONDS: '0', RETENTION_DAYS: 'x' });

      expect(read).toThrow(ConfigInvalidError);
      expect(read).toThrow(/LEDGER_TABLE_NAME is missing.*LEASE_SECONDS.*RETENTION_DAYS/);
    });
  });
});
