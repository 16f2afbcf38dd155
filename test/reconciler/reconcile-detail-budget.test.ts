import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

// A budget of 240 s, as the stack sets it under a 300 s Lambda timeout.
const BUDGET_MS = 240_000;
const DETAIL_MS = 4000;
const CALL_COUNT = 85;
const FIRST_CALL_MS = Date.parse('2026-03-22T11:00:30Z');

describe('reconcile with slow call details', () => {
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

  async function prepare() {
    harness = await createReconcileHarness(aws, {
      settings: { lookbackMs: 60 * 60_000, sliceMs: 60 * 60_000, timeBudgetMs: BUDGET_MS },
    });
    const agent = harness.standIn.addAgent();
    const calls = Array.from({ length: CALL_COUNT }, (_, index) =>
      harness.standIn.addCall(agent.id, {
        created_at: new Date(FIRST_CALL_MS + index * 20_000).toISOString(),
      }),
    );
    harness.standIn.beforeRequest.push((request) => {
      if (/\/calls\/[^/]+$/.test(request.path)) {
        harness.time.advance(DETAIL_MS);
      }
    });

    return { agent, calls };
  }

  const detailPaths = () =>
    harness.standIn.requests
      .filter((request) => /\/calls\/[^/]+$/.test(request.path))
      .map((request) => request.path);

  describe('more missed calls than one budget can fetch', () => {
    it('stops fetching details within the budget and keeps what it fetched', async () => {
      await prepare();
      const startMs = harness.time.now();

      const result = await harness.run();
      await harness.consumeQueue();

      expect(harness.time.now() - startMs).toBeLessThanOrEqual(BUDGET_MS + DETAIL_MS);
      expect(result?.agents[0]?.outcome).toBe('time_budget');
      expect(result?.agents[0]?.enqueued).toBe(detailPaths().length);
      expect(harness.processed).toHaveLength(detailPaths().length);
    });

    it('holds the watermark at the oldest call it did not fetch', async () => {
      const { agent, calls } = await prepare();

      await harness.run();

      const firstUnfetched = calls[detailPaths().length];
      expect(await harness.readWatermark(agent.id)).toBe(
        new Date(String(firstUnfetched?.created_at)).toISOString(),
      );
    });

    it('processes every call over later runs without fetching any detail twice', async () => {
      const { calls } = await prepare();

      for (let run = 0; run < 4 && harness.processed.length < CALL_COUNT; run += 1) {
        await harness.run();
        await harness.consumeQueue();
        harness.time.advance(15 * 60_000);
      }

      expect(harness.processed.sort()).toEqual(calls.map((call) => call.id).sort());
      expect(new Set(detailPaths()).size).toBe(detailPaths().length);
    });
  });
});
