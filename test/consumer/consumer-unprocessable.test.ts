import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processMessage } from '../../functions/consumer/process-message';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import {
  buildSqsRecord,
  type ConsumerTestKit,
  createConsumerTestKit,
  outcomeLines,
} from './consumer-test-kit';

// Stands in for any error a payload can cause while it is hashed, before the claim.
jest.mock('../../functions/ledger/payload-hash', () => ({
  hashCanonicalPayload: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

const EMPLOYEE_BODY = readFileSync(
  join(__dirname, '..', 'fixtures', 'employee-forwarding-created.json'),
  'utf8',
);

describe('consumer with a payload that fails before the claim', () => {
  let aws: LocalAws;
  let kit: ConsumerTestKit;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  beforeEach(async () => {
    kit = await createConsumerTestKit(aws);
  });

  describe('hashing throws', () => {
    it('quarantines the message instead of retrying it', async () => {
      const record = buildSqsRecord(EMPLOYEE_BODY);

      const handled = await processMessage(record, kit.deps);

      const [line] = outcomeLines(kit.logger);
      expect(handled).toMatchObject({ outcome: 'quarantined', reason: 'unprocessable_payload' });
      expect(line?.level).toBe('warn');
      expect(line?.fields.error).toBeInstanceOf(RangeError);
      expect(kit.hooks.calls).toHaveLength(0);
    });
  });
});
