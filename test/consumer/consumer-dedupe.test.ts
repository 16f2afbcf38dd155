import { createConsumerHandler } from '../../functions/consumer/create-consumer-handler';
import { processMessage } from '../../functions/consumer/process-message';
import { COMPLETE_RETRY_MESSAGE, MAX_COMPLETE_ATTEMPTS } from '../../functions/consumer/run-once';
import { callKey } from '../../functions/ledger/ledger-keys';
import { ConsumerMetric } from '../../functions/observability/metric-names';
import { readLedgerItem } from '../ledger/read-ledger-item';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import {
  buildCallCompletedBody,
  buildSqsRecord,
  type ConsumerTestKit,
  callIdOf,
  createConsumerTestKit,
  LEASE_MS,
  outcomeLines,
  RETENTION_DAYS,
  START,
} from './consumer-test-kit';

function batchOf(...records: ReturnType<typeof buildSqsRecord>[]) {
  return { Records: records };
}

describe('consumer deduplication', () => {
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

  describe('new call', () => {
    it('runs the hook once and completes the ledger item', async () => {
      const body = buildCallCompletedBody();

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(handled.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(1);
      expect(item?.status).toEqual({ S: 'completed' });
      expect(kit.metrics.counts.get(ConsumerMetric.processed)).toBe(1);
    });

    it('stores the call record without transcript and audio URL', async () => {
      const body = buildCallCompletedBody({ audio_file_url: 'https://example.com/a?token=1' });

      await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      const record = item?.record?.M ?? {};
      expect(record.id).toEqual({ S: callIdOf(body) });
      expect(record.phone_number).toEqual({ S: '+491701234567' });
      expect(record.source).toEqual({ S: 'webhook' });
      expect(record.event).toEqual({ S: 'call.completed' });
      expect(record.transcript).toBeUndefined();
      expect(record.audio_file_url).toBeUndefined();
    });

    it('cuts a long summary and lists it in truncated_fields', async () => {
      const body = buildCallCompletedBody({ call_summary: 's'.repeat(5000) });

      await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(item?.record?.M?.call_summary?.S).toHaveLength(2000);
      expect(item?.record?.M?.truncated_fields).toEqual({ L: [{ S: 'call_summary' }] });
    });

    it('cuts a summary before an emoji at the limit', async () => {
      const summary = `${'s'.repeat(1999)}😀${'t'.repeat(10)}`;
      const body = buildCallCompletedBody({ call_summary: summary });

      await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(item?.record?.M?.call_summary?.S).toBe('s'.repeat(1999));
      expect(item?.record?.M?.truncated_fields).toEqual({ L: [{ S: 'call_summary' }] });
    });

    it('stores a lone surrogate as a replacement character', async () => {
      const body = buildCallCompletedBody({ customer_request: 'Frage \uD83D' });

      await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(item?.record?.M?.customer_request?.S).toBe('Frage \uFFFD');
    });

    it('sets the TTL from the retention days', async () => {
      const body = buildCallCompletedBody();

      await processMessage(buildSqsRecord(body), kit.deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      const expected = START.getTime() / 1000 + RETENTION_DAYS * 86_400;
      expect(item?.expires_at).toEqual({ N: String(expected) });
    });

    it('writes one outcome line with ids and no personal data', async () => {
      const body = buildCallCompletedBody();
      kit.advance(2500);

      await processMessage(buildSqsRecord(body, {}, 3), kit.deps);

      const [line, ...others] = outcomeLines(kit.logger);
      expect(others).toHaveLength(0);
      expect(line?.level).toBe('info');
      expect(line?.fields).toMatchObject({
        outcome: 'processed',
        call_id: callIdOf(body),
        agent_id: JSON.parse(body).call.agent_id,
        event: 'call.completed',
        source: 'webhook',
        delay_ms: 2500,
        receive_count: 3,
      });
      expect(JSON.stringify(kit.logger.lines)).not.toMatch(/Hans Meier|\+491701234567|Rechnung/);
    });
  });

  describe('duplicates', () => {
    it('acknowledges a duplicate of a completed call without running the hook', async () => {
      const body = buildCallCompletedBody();
      await processMessage(buildSqsRecord(body), kit.deps);

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
      expect(kit.metrics.counts.get(ConsumerMetric.duplicate)).toBe(1);
    });

    it('treats a reconciled copy of a webhook call as a duplicate', async () => {
      const body = buildCallCompletedBody();
      await processMessage(buildSqsRecord(body), kit.deps);
      const reconciled = buildCallCompletedBody({
        ...JSON.parse(body).call,
        note: 'erledigt',
        is_purged: false,
        updated_at: '2026-03-22T11:00:00Z',
      });

      const handled = await processMessage(
        buildSqsRecord(reconciled, { source: 'reconcile' }),
        kit.deps,
      );

      expect(handled.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
    });

    it('retries a duplicate of a call still in progress', async () => {
      const body = buildCallCompletedBody();
      await kit.ledger.claim(callKey(callIdOf(body)), {
        leaseMs: LEASE_MS,
        now: START,
        retentionDays: RETENTION_DAYS,
      });

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled).toMatchObject({ outcome: 'retry', reason: 'in_progress' });
      expect(kit.hooks.calls).toHaveLength(0);
    });

    it('processes concurrent copies in one batch once and retries the rest', async () => {
      const body = buildCallCompletedBody();
      const records = Array.from({ length: 5 }, () => buildSqsRecord(body));
      const handler = createConsumerHandler(kit.deps);

      const response = await handler(batchOf(...records));
      const redelivery = await handler(
        batchOf(...response.batchItemFailures.map(() => buildSqsRecord(body))),
      );

      // A copy that runs while the first is in progress is retried, and a copy that runs after
      // completion is a duplicate. How many of each there are depends on timing.
      const counts = kit.metrics.counts;
      expect(kit.hooks.calls).toHaveLength(1);
      expect(counts.get(ConsumerMetric.processed)).toBe(1);
      expect(response.batchItemFailures).toHaveLength(counts.get(ConsumerMetric.retry) ?? 0);
      expect(redelivery.batchItemFailures).toHaveLength(0);
      expect(counts.get(ConsumerMetric.duplicate)).toBe(4);
    });

    it('retries every copy that arrives while the first is in its hook', async () => {
      const body = buildCallCompletedBody();
      const records = Array.from({ length: 5 }, () => buildSqsRecord(body));
      kit.hooks.behaviour = () => waitUntil(() => outcomeLines(kit.logger).length === 4);

      const response = await createConsumerHandler(kit.deps)(batchOf(...records));

      const outcomes = outcomeLines(kit.logger).map((line) => line.fields.outcome);
      expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'processed']);
      expect(response.batchItemFailures).toHaveLength(4);
      expect(kit.hooks.calls).toHaveLength(1);
    });

    it('processes each distinct call of a batch', async () => {
      const records = [1, 2, 3].map(() => buildSqsRecord(buildCallCompletedBody()));
      const handler = createConsumerHandler(kit.deps);

      const response = await handler(batchOf(...records));

      expect(response.batchItemFailures).toEqual([]);
      expect(kit.hooks.calls).toHaveLength(3);
    });
  });

  describe('failures after the claim', () => {
    it('retries when the hook throws and processes the call on redelivery', async () => {
      const body = buildCallCompletedBody();
      let failuresLeft = 1;
      let effects = 0;
      kit.hooks.behaviour = async () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('CRM unavailable');
        }
        effects += 1;
      };

      const first = await processMessage(buildSqsRecord(body), kit.deps);
      const released = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      const second = await processMessage(buildSqsRecord(body, {}, 2), kit.deps);
      const third = await processMessage(buildSqsRecord(body, {}, 3), kit.deps);

      expect(first).toMatchObject({ outcome: 'retry', reason: 'hook_failed' });
      expect(released).toBeUndefined();
      expect(second.outcome).toBe('processed');
      expect(third.outcome).toBe('duplicate');
      expect(effects).toBe(1);
      expect(outcomeLines(kit.logger)[0]?.level).toBe('warn');
    });

    it('completes after a transient completion failure without a second run', async () => {
      const body = buildCallCompletedBody();
      const complete = kit.ledger.complete.bind(kit.ledger);
      const failingTwice = jest
        .fn<ReturnType<typeof complete>, Parameters<typeof complete>>()
        .mockRejectedValueOnce(new Error('network down'))
        .mockRejectedValueOnce(new Error('network down'))
        .mockImplementation(complete);
      const deps = { ...kit.deps, ledger: { ...bindLedger(kit), complete: failingTwice } };

      const first = await processMessage(buildSqsRecord(body), deps);
      const second = await processMessage(buildSqsRecord(body), deps);

      const retryLines = kit.logger.lines.filter((line) => line.message === COMPLETE_RETRY_MESSAGE);
      expect(first.outcome).toBe('processed');
      expect(second.outcome).toBe('duplicate');
      expect(kit.hooks.calls).toHaveLength(1);
      expect(failingTwice).toHaveBeenCalledTimes(3);
      expect(kit.sleeps).toEqual([50, 100]);
      expect(retryLines.map((line) => line.fields.attempt)).toEqual([1, 2]);
    });

    it('completes when a completion was applied but its response was lost', async () => {
      const body = buildCallCompletedBody();
      const complete = kit.ledger.complete.bind(kit.ledger);
      const deps = {
        ...kit.deps,
        ledger: {
          ...bindLedger(kit),
          complete: jest
            .fn<ReturnType<typeof complete>, Parameters<typeof complete>>()
            .mockImplementationOnce(async (...args) => {
              await complete(...args);
              throw new Error('response lost');
            })
            .mockImplementation(complete),
        },
      };

      const handled = await processMessage(buildSqsRecord(body), deps);

      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      expect(handled.outcome).toBe('processed');
      expect(item?.status).toEqual({ S: 'completed' });
      expect(kit.hooks.calls).toHaveLength(1);
    });

    it('keeps the claim when every completion attempt fails', async () => {
      const body = buildCallCompletedBody();
      const failing = jest.fn().mockRejectedValue(new Error('network down'));
      const release = jest.fn();
      const deps = { ...kit.deps, ledger: { ...bindLedger(kit), complete: failing, release } };

      const first = await processMessage(buildSqsRecord(body), deps);
      const item = await readLedgerItem(aws.dynamodb, kit.tableName, callKey(callIdOf(body)));
      const beforeLeaseEnd = await processMessage(buildSqsRecord(body, {}, 2), kit.deps);
      kit.advance(LEASE_MS + 1);
      const afterLeaseEnd = await processMessage(buildSqsRecord(body, {}, 3), kit.deps);

      expect(first).toMatchObject({ outcome: 'retry', reason: 'completion_failed' });
      expect(failing).toHaveBeenCalledTimes(MAX_COMPLETE_ATTEMPTS);
      expect(release).not.toHaveBeenCalled();
      expect(item?.status).toEqual({ S: 'in_progress' });
      expect(beforeLeaseEnd).toMatchObject({ outcome: 'retry', reason: 'in_progress' });
      // The crash case: once the lease ends, the next delivery runs the hook a second time.
      expect(afterLeaseEnd.outcome).toBe('processed');
      expect(kit.hooks.calls).toHaveLength(2);
    });

    it('acknowledges as lease_lost when another worker took the claim over', async () => {
      const body = buildCallCompletedBody();
      kit.hooks.behaviour = async () => {
        kit.advance(LEASE_MS + 1);
        await processMessage(buildSqsRecord(body), { ...kit.deps, hooks: noopHooks() });
      };

      const handled = await processMessage(buildSqsRecord(body), kit.deps);

      expect(handled).toMatchObject({ outcome: 'duplicate', reason: 'lease_lost' });
      expect(outcomeLines(kit.logger).map((line) => line.fields.outcome)).toEqual([
        'processed',
        'duplicate',
      ]);
    });

    it('retries when the ledger cannot be reached', async () => {
      const body = buildCallCompletedBody();
      const deps = {
        ...kit.deps,
        ledger: { ...bindLedger(kit), claim: () => Promise.reject(new Error('unexpected')) },
      };

      const handled = await processMessage(buildSqsRecord(body), deps);

      expect(handled).toMatchObject({ outcome: 'retry', reason: 'unexpected_error' });
      expect(kit.metrics.counts.get(ConsumerMetric.retry)).toBe(1);
    });
  });
});

function bindLedger(kit: ConsumerTestKit) {
  return {
    claim: kit.ledger.claim.bind(kit.ledger),
    complete: kit.ledger.complete.bind(kit.ledger),
    release: kit.ledger.release.bind(kit.ledger),
  };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function noopHooks() {
  return { onCallCompleted: async () => {}, onEmployeeEvent: async () => {} };
}
