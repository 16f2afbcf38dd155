import { createReconcileHarness, type ReconcileHarness } from '../reconciler/reconcile-harness';
import { type LocalAws, startLocalAws } from '../support/local-aws';

const CALLS_PER_AGENT = 130;
const HOUR_MS = 3600_000;

describe('reconcile against a failing TalkPilot API', () => {
  let aws: LocalAws;
  let harness: ReconcileHarness;

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await harness.close();
    await aws.stop();
  });

  describe('429, 5xx, a timeout and pages that shift between requests', () => {
    it('queues every missed call so the consumer processes each once', async () => {
      harness = await createReconcileHarness(aws);
      const startMs = harness.time.now() - 20 * HOUR_MS;
      const missed: string[] = [];
      for (const agent of [harness.standIn.addAgent(), harness.standIn.addAgent()]) {
        for (let index = 0; index < CALLS_PER_AGENT; index += 1) {
          const createdAt = new Date(startMs + index * 20_000).toISOString();
          missed.push(harness.standIn.addCall(agent.id, { created_at: createdAt }).id);
        }
      }
      const firstAgent = harness.standIn.agents[0]?.id ?? '';
      harness.standIn.fail({ path: '/calls', status: 429, headers: { 'Retry-After': '30' } });
      harness.standIn.fail({ path: '/calls/', status: 500, times: 2 });
      harness.standIn.fail({ path: '/calls/', status: 503 });
      harness.standIn.fail({ path: '/calls/', delayMs: 2500 });
      let shifted = false;
      harness.standIn.beforeRequest.push((request) => {
        if (!shifted && request.query.page === '2') {
          shifted = true;
          const createdAt = new Date(startMs + 30 * 20_000 + 1000).toISOString();
          missed.push(harness.standIn.addCall(firstAgent, { created_at: createdAt }).id);
        }
      });

      for (let run = 0; run < 4; run += 1) {
        await harness.run();
        await harness.consumeQueue();
        harness.time.advance(HOUR_MS);
      }

      const counts = new Map<string, number>();
      for (const id of harness.processed) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      expect(shifted).toBe(true);
      expect(harness.standIn.requests.some((request) => request.status === 429)).toBe(true);
      expect(missed.filter((id) => counts.get(id) !== 1)).toEqual([]);
      expect(harness.processed).toHaveLength(missed.length);
    });
  });
});
