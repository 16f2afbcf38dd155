import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

const ONE_SLICE = { lookbackMs: 60 * 60_000, sliceMs: 60 * 60_000 };

describe('reconcile with start times that do not fit the window', () => {
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

  function listOnly(agentId: string, call: Record<string, unknown>) {
    harness.standIn.fail({
      method: 'GET',
      path: /\/calls$/,
      status: 200,
      body: JSON.stringify({
        data: [{ agent_id: agentId, ...call }],
        pagination: { page: 1, limit: 100, total: 1, pages: 1 },
      }),
    });
  }

  describe('a running call listed with a start after the slice end', () => {
    it('keeps the watermark at or before the slice end', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      // The fake clock reads 12:00Z, so this start lies in the future.
      listOnly(agent.id, { id: 'running', created_at: '2026-03-22T13:00:00Z', duration: null });

      await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:50:00.000Z');
    });

    it('still finds a later call whose webhook was lost', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      listOnly(agent.id, { id: 'running', created_at: '2026-03-22T13:00:00Z', duration: null });
      await harness.run();
      const lost = harness.standIn.addCall(agent.id, {
        created_at: '2026-03-22T11:55:00Z',
        duration: 30,
      });

      for (let run = 0; run < 3; run += 1) {
        harness.time.advance(15 * 60_000);
        await harness.run();
      }
      await harness.consumeQueue();

      expect(harness.processed).toContain(lost.id);
    });
  });

  describe('a running call listed with a zone-less start', () => {
    it('reads the start as UTC and holds the watermark there', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      listOnly(agent.id, { id: 'running', created_at: '2026-03-22 11:49:00', duration: null });

      await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:49:00.000Z');
    });
  });
});
