import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import type { StandInRequest } from '../support/talkpilot-stand-in';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

const at = (time: string) => `2026-03-22T${time}Z`;
const ONE_SLICE = { lookbackMs: 60 * 60_000, sliceMs: 60 * 60_000 };

function maxInWindow(requests: readonly StandInRequest[], windowMs: number): number {
  return Math.max(
    0,
    ...requests.map(
      (request) =>
        requests.filter(
          (other) => other.atMs > request.atMs - windowMs && other.atMs <= request.atMs,
        ).length,
    ),
  );
}

describe('reconcile hard cases', () => {
  let aws: LocalAws;
  let harness: ReconcileHarness;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  afterEach(async () => {
    await harness.close();
  });

  describe('pages that shift mid-scan', () => {
    it('processes every remaining call when calls are removed between pages', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      const calls = Array.from({ length: 130 }, (_, index) =>
        harness.standIn.addCall(agent.id, {
          created_at: new Date(Date.parse(at('11:00:00')) + index * 10_000).toISOString(),
        }),
      );
      const removed = calls.slice(110, 116).map((call) => call.id);
      harness.standIn.beforeRequest.push((request) => {
        if (request.query.page === '2' && harness.standIn.calls.length === 130) {
          for (const id of removed) {
            harness.standIn.deleteCall(id, { permanent: true });
          }
        }
      });

      await harness.run();
      await harness.consumeQueue();

      const expected = calls.map((call) => call.id).filter((id) => !removed.includes(id));
      const dueBefore = Date.parse(at('12:00:00')) - 5 * 60_000 - 95_000;
      const settled = expected.filter(
        (id) => Date.parse(calls.find((call) => call.id === id)?.created_at ?? '') <= dueBefore,
      );
      expect(harness.processed.filter((id) => !removed.includes(id)).sort()).toEqual(
        settled.sort(),
      );
      expect(new Set(harness.processed).size).toBe(harness.processed.length);
    });
  });

  describe('equal created_at values', () => {
    it('processes all calls that share a start time across pages', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      const calls = Array.from({ length: 110 }, () =>
        harness.standIn.addCall(agent.id, { created_at: at('11:20:00') }),
      );

      await harness.run();
      await harness.consumeQueue();

      expect(harness.processed.sort()).toEqual(calls.map((call) => call.id).sort());
    });
  });

  describe('purged, deleted and partial calls', () => {
    it('skips purged calls and queues soft-deleted and partial ones', async () => {
      harness = await createReconcileHarness(aws, { settings: { lookbackMs: 2 * 60 * 60_000 } });
      const agent = harness.standIn.addAgent();
      const purged = harness.standIn.addCall(agent.id, { created_at: at('11:10:00') });
      harness.standIn.purgeCall(purged.id);
      const deleted = harness.standIn.addCall(agent.id, { created_at: at('11:11:00') });
      harness.standIn.deleteCall(deleted.id);
      const partial = harness.standIn.addCall(agent.id, {
        created_at: at('10:20:00'),
        duration: undefined,
        customer_name: undefined,
      });
      harness.standIn.addCall(agent.id, { id: undefined, created_at: at('11:12:00') });

      const result = await harness.run();

      expect(result?.agents[0]).toMatchObject({ outcome: 'complete', purged: 1, enqueued: 2 });
      const logged = harness.logs.map((line) => line.message);
      expect(logged).toContain(ReconcilerLogMessage.purgedCall);
      expect(logged).toContain(ReconcilerLogMessage.invalidCalls);
      expect(partial.duration).toBeUndefined();
    });

    it('treats a call deleted before its detail was read as gone', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      const vanishing = harness.standIn.addCall(agent.id, { created_at: at('11:10:00') });
      harness.standIn.beforeRequest.push((request) => {
        if (request.path.endsWith(vanishing.id)) {
          harness.standIn.deleteCall(vanishing.id, { permanent: true });
        }
      });

      const result = await harness.run();

      expect(result?.agents[0]?.outcome).toBe('complete');
      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:50:00.000Z');
    });
  });

  describe('rate limits', () => {
    it('stays within both limits and waits instead of being refused', async () => {
      const limits = { perMinute: 10, perHour: 40 };
      harness = await createReconcileHarness(aws, {
        limits,
        settings: { timeBudgetMs: 3 * 60 * 60_000 },
      });
      for (const agent of [harness.standIn.addAgent(), harness.standIn.addAgent()]) {
        harness.standIn.addCall(agent.id, { created_at: at('09:00:00') });
      }

      const result = await harness.run();

      const requests = harness.standIn.requests;
      expect(requests.length).toBeGreaterThan(limits.perHour);
      expect(maxInWindow(requests, 60_000)).toBeLessThanOrEqual(limits.perMinute);
      expect(maxInWindow(requests, 3_600_000)).toBeLessThanOrEqual(limits.perHour);
      expect(requests.filter((request) => request.status === 429)).toEqual([]);
      expect(result?.agents.map((agent) => agent.enqueued)).toEqual([1, 1]);
    });

    it('shares the budget with an earlier run of the same key', async () => {
      const limits = { perMinute: 10, perHour: 1000 };
      harness = await createReconcileHarness(aws, { limits });
      harness.standIn.addAgent();

      await harness.run();
      await harness.run();

      expect(maxInWindow(harness.standIn.requests, 60_000)).toBeLessThanOrEqual(limits.perMinute);
    });

    it('counts a 429 and finishes after the wait', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      harness.standIn.addCall(agent.id, { created_at: at('11:10:00') });
      harness.standIn.fail({ path: '/calls', status: 429, headers: { 'Retry-After': '18' } });

      const result = await harness.run();

      const summary = harness.logs.find(
        (line) => line.message === ReconcilerLogMessage.agentSummary,
      );
      expect(summary?.fields.rate_limited).toBe(1);
      expect(result?.agents[0]).toMatchObject({ outcome: 'complete', enqueued: 1 });
    });
  });

  describe('time budget', () => {
    it('stops before the budget and resumes in the next run', async () => {
      const limits = { perMinute: 10, perHour: 1000 };
      harness = await createReconcileHarness(aws, { limits, settings: { timeBudgetMs: 60_000 } });
      const agent = harness.standIn.addAgent();
      const calls = [at('01:00:00'), at('06:00:00'), at('10:00:00')].map((created) =>
        harness.standIn.addCall(agent.id, { created_at: created }),
      );

      const first = await harness.run();
      await harness.consumeQueue();
      const watermarkAfterFirst = await harness.readWatermark(agent.id);
      for (let run = 0; run < 5; run += 1) {
        harness.time.advance(60_000);
        await harness.run();
        await harness.consumeQueue();
      }

      expect(first?.agents[0]?.outcome).toBe('time_budget');
      expect(watermarkAfterFirst === undefined || watermarkAfterFirst < at('11:50:00')).toBe(true);
      expect(harness.processed.sort()).toEqual(calls.map((call) => call.id).sort());
      expect((await harness.readWatermark(agent.id)) ?? '').toMatch(/^2026-03-22T11:5/);
    });
  });
});
