import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConsumerHandler } from '../../functions/consumer/create-consumer-handler';
import { processMessage } from '../../functions/consumer/process-message';
import { callKey, liveKitCallKey } from '../../functions/ledger/ledger-keys';
import { ConsumerMetric } from '../../functions/observability/metric-names';
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

describe('consumer routing', () => {
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

  describe('quarantine', () => {
    it.each([
      ['a body that is not JSON', '{"event":"call.completed",', 'invalid_json'],
      ['a call without id', '{"event":"call.completed","call":{"agent_id":"a"}}', 'invalid_call'],
      ['an unsupported event', '{"event":"call.archived","id":"x"}', 'unsupported_event'],
      ['an array body', '[]', 'not_an_object'],
    ])('stores and acknowledges %s', async (_name, body, reason) => {
      const record = buildSqsRecord(body);

      const response = await createConsumerHandler(kit.deps)({ Records: [record] });

      const item = await readLedgerItem(
        aws.dynamodb,
        kit.tableName,
        `quarantine#${record.messageId}`,
      );
      expect(response.batchItemFailures).toEqual([]);
      expect(item?.reason).toEqual({ S: reason });
      expect(item?.body).toEqual({ S: body });
      expect(outcomeLines(kit.logger)[0]?.fields).toMatchObject({ outcome: 'quarantined', reason });
      expect(kit.metrics.counts.get(ConsumerMetric.quarantined)).toBe(1);
      expect(kit.hooks.calls).toHaveLength(0);
    });

    it('logs the path of the first invalid field', async () => {
      const body = buildCallCompletedBody({ duration: 'three minutes' });

      await processMessage(buildSqsRecord(body), kit.deps);

      expect(outcomeLines(kit.logger)[0]?.fields).toMatchObject({
        outcome: 'quarantined',
        reason: 'invalid_call',
        invalid_path: 'call.duration',
        call_id: undefined,
      });
    });

    it('quarantines a message without metadata attributes', async () => {
      const record = { ...buildSqsRecord(buildCallCompletedBody()), messageAttributes: {} };

      const handled = await processMessage(record, kit.deps);

      expect(handled).toMatchObject({ outcome: 'quarantined', reason: 'invalid_metadata' });
      expect(handled.callId).toBe(callIdOf(record.body));
      expect(kit.hooks.calls).toHaveLength(0);
    });

    it('retries when the quarantine item cannot be written', async () => {
      const deps = {
        ...kit.deps,
        quarantine: { store: () => Promise.reject(new Error('throttled')) },
      };

      const handled = await processMessage(buildSqsRecord('not json'), deps);

      expect(handled.outcome).toBe('retry');
    });
  });

  describe('other events', () => {
    it('acknowledges call_started without running the hook', async () => {
      const body = '{"event":"call_started","call_id":"lk_1","agent_id":"a"}';

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled).toMatchObject({ outcome: 'processed', reason: 'event_ignored' });
      expect(kit.hooks.calls).toHaveLength(0);
    });

    it('processes call_ended once under its LiveKit call id', async () => {
      const body = JSON.stringify({
        event: 'call_ended',
        call_id: 'lk_call_ended_1',
        agent_id: 'agent-1',
        timestamp: '2026-03-22T10:30:00+00:00',
        transcript: [{ role: 'user', text: 'hallo' }],
      });

      const first = await processMessage(buildSqsRecord(body), kit.deps);
      const second = await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(
        aws.dynamodb,
        kit.tableName,
        liveKitCallKey('lk_call_ended_1'),
      );
      expect(first.outcome).toBe('processed');
      expect(second.outcome).toBe('duplicate');
      expect(item?.record?.M?.transcript).toBeUndefined();
      expect(kit.hooks.calls[0]?.context.callId).toBe('lk_call_ended_1');
    });

    it('deduplicates employee events whatever their key order', async () => {
      const reordered = JSON.stringify(
        Object.fromEntries(Object.entries(JSON.parse(EMPLOYEE_BODY)).reverse()),
      );

      const first = await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);
      const second = await processMessage(buildSqsRecord(reordered), kit.deps);

      expect(first.outcome).toBe('processed');
      expect(second.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
      expect(JSON.stringify(kit.logger.lines)).not.toMatch(/Mustermann|example\.com|\+49/);
    });

    it('processes employee events that differ in one field separately', async () => {
      const changed = JSON.stringify({ ...JSON.parse(EMPLOYEE_BODY), start_date: '2026-04-01' });

      await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);
      const handled = await processMessage(buildSqsRecord(changed), kit.deps);

      expect(handled.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
    });
  });

  describe('employee dedupe window', () => {
    const MINUTE_MS = 60_000;

    it('processes an identical employee event again after 60 minutes', async () => {
      await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);
      kit.advance(60 * MINUTE_MS + 1);

      const handled = await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);

      expect(handled.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
    });

    it('treats an identical employee event within 60 minutes as a duplicate', async () => {
      await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);
      kit.advance(60 * MINUTE_MS);

      const handled = await processMessage(buildSqsRecord(EMPLOYEE_BODY), kit.deps);

      expect(handled.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
    });

    it('uses the configured window', async () => {
      const deps = { ...kit.deps, employeeDedupeMs: 5 * MINUTE_MS };
      await processMessage(buildSqsRecord(EMPLOYEE_BODY), deps);
      kit.advance(5 * MINUTE_MS + 1);

      const handled = await processMessage(buildSqsRecord(EMPLOYEE_BODY), deps);

      expect(handled.outcome).toBe('processed');
    });

    it('keeps a call a duplicate after the window', async () => {
      const body = buildCallCompletedBody();
      await processMessage(buildSqsRecord(body), kit.deps);
      kit.advance(7 * 24 * 60 * MINUTE_MS);

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
    });

    it('keeps an employee replay a duplicate after the window', async () => {
      const replay = { source: 'replay' as const, requestId: 'replay-employee-1' };
      await processMessage(buildSqsRecord(EMPLOYEE_BODY, replay), kit.deps);
      kit.advance(2 * 60 * MINUTE_MS);

      const handled = await processMessage(buildSqsRecord(EMPLOYEE_BODY, replay), kit.deps);

      expect(handled.outcome).toBe('duplicate');
    });
  });

  describe('replay', () => {
    it('runs the hook again without touching the call record', async () => {
      const body = buildCallCompletedBody();
      await processMessage(buildSqsRecord(body), kit.deps);
      const before = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));

      const handled = await processMessage(
        buildSqsRecord(body, { source: 'replay', requestId: 'replay-1' }),
        kit.deps,
      );

      const after = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(handled.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
      expect(kit.hooks.calls[1]?.context.isReplay).toBe(true);
      expect(after).toEqual(before);
    });

    it('runs one replay request once even when delivered twice', async () => {
      const body = buildCallCompletedBody();
      const replay = { source: 'replay' as const, requestId: 'replay-2' };

      const first = await processMessage(buildSqsRecord(body, replay), kit.deps);
      const second = await processMessage(buildSqsRecord(body, replay), kit.deps);
      const original = await processMessage(buildSqsRecord(body), kit.deps);

      expect(first.outcome).toBe('processed');
      expect(second.outcome).toBe('duplicate');
      expect(original.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
    });
  });
});
