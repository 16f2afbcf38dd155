import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processMessage } from '../../functions/consumer/process-message';
import { callKey } from '../../functions/ledger/ledger-keys';
import { MAX_PAYLOAD_DEPTH } from '../../functions/schemas/payload-depth';
import { readLedgerItem } from '../ledger/read-ledger-item';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import {
  buildCallCompletedBody,
  buildSqsRecord,
  type ConsumerTestKit,
  callIdOf,
  createConsumerTestKit,
  outcomeLines,
} from './consumer-test-kit';

const EMPLOYEE_BODY = readFileSync(
  join(__dirname, '..', 'fixtures', 'employee-forwarding-created.json'),
  'utf8',
);

/** An employee event with `extra` nested `levels` arrays deep below the top-level object. */
function deepEmployeeBody(levels: number): string {
  const employee = JSON.stringify(JSON.parse(EMPLOYEE_BODY)).slice(0, -1);

  return `${employee},"extra":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

describe('consumer payload edge cases', () => {
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

  describe('deep nesting', () => {
    it('quarantines an employee event nested 20000 levels deep', async () => {
      const record = buildSqsRecord(deepEmployeeBody(20_000));

      const handled = await processMessage(record, kit.deps);

      const item = await readLedgerItem(
        aws.dynamodb,
        kit.tableName,
        `quarantine#${record.messageId}`,
      );
      expect(handled).toMatchObject({ outcome: 'quarantined', reason: 'payload_too_deep' });
      expect(item?.reason).toEqual({ S: 'payload_too_deep' });
      expect(kit.hooks.calls).toHaveLength(0);
    });

    it('processes an employee event at the depth cap', async () => {
      const record = buildSqsRecord(deepEmployeeBody(MAX_PAYLOAD_DEPTH - 1));

      const handled = await processMessage(record, kit.deps);

      expect(handled.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(1);
    });
  });

  describe('__proto__ keys', () => {
    it('passes the hook a call with its __proto__ key unchanged', async () => {
      const body = buildCallCompletedBody().replace(
        '"call":{',
        '"call":{"__proto__":{"crm_id":"c-1"},',
      );

      await processMessage(buildSqsRecord(body), kit.deps);

      const payload = kit.hooks.calls[0]?.payload as { call: object };
      expect(Object.keys(payload.call)).toContain('__proto__');
      expect(Object.getOwnPropertyDescriptor(payload.call, '__proto__')?.value).toEqual({
        crm_id: 'c-1',
      });
      expect(Object.getPrototypeOf(payload.call)).toBe(Object.prototype);
    });

    it('gives employee events that differ only in __proto__ their own keys', async () => {
      const withProto = EMPLOYEE_BODY.replace('{', '{"__proto__":{"team":"b"},');
      const otherProto = EMPLOYEE_BODY.replace('{', '{"__proto__":{"team":"c"},');

      const first = await processMessage(buildSqsRecord(withProto), kit.deps);
      const second = await processMessage(buildSqsRecord(otherProto), kit.deps);

      expect(first.outcome).toBe('processed');
      expect(second.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
    });
  });

  describe('call ids and times', () => {
    it('processes a call whose created_at has an hour-only offset', async () => {
      const body = buildCallCompletedBody({ created_at: '2026-03-22T10:30:00+00' });

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(handled.outcome).toBe('processed');
      expect(item?.record?.M?.created_at).toEqual({ S: '2026-03-22T10:30:00+00' });
    });

    it('processes a call whose id is 1024 characters long', async () => {
      const body = buildCallCompletedBody({ id: 'x'.repeat(1024) });

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled.outcome).toBe('processed');
      expect(outcomeLines(kit.logger)[0]?.fields.call_id).toBe('x'.repeat(1024));
    });

    it('quarantines a call whose id is blank', async () => {
      const body = buildCallCompletedBody({ id: '   ' });

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled).toMatchObject({ outcome: 'quarantined', invalidPath: 'call.id' });
    });
  });
});
