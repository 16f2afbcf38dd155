import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { IncompleteScanReason } from '../../functions/reconciler/scan-calls';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

const ONE_SLICE = { lookbackMs: 60 * 60_000, sliceMs: 60 * 60_000 };
const TIED_AT = '2026-03-22T11:20:00Z';

describe('reconcile with calls that share created_at', () => {
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

  const incompleteLogs = () =>
    harness.logs.filter((line) => line.message === ReconcilerLogMessage.incompleteScan);

  describe('ties ordered differently on each query', () => {
    it('finds every call by rescanning', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      const calls = Array.from({ length: 110 }, () =>
        harness.standIn.addCall(agent.id, { created_at: TIED_AT }),
      );
      // Like ORDER BY created_at with LIMIT/OFFSET in SQL: ties have no fixed order.
      harness.standIn.beforeRequest.push((request) => {
        if (request.query.page === '2') {
          harness.standIn.calls.reverse();
        }
      });

      const result = await harness.run();
      await harness.consumeQueue();

      expect(result?.agents[0]?.outcome).toBe('complete');
      expect(harness.processed.sort()).toEqual(calls.map((call) => call.id).sort());
    });
  });

  describe('ties that always hide the same rows', () => {
    it('holds the watermark at the slice start and logs the scan as incomplete', async () => {
      harness = await createReconcileHarness(aws, { settings: ONE_SLICE });
      const agent = harness.standIn.addAgent();
      for (let index = 0; index < 110; index += 1) {
        harness.standIn.addCall(agent.id, { created_at: TIED_AT });
      }
      // Page 1 always lists ascending ids and page 2 descending ones, so 10 rows are never listed.
      harness.standIn.beforeRequest.push((request) => {
        const sign = request.query.page === '2' ? -1 : 1;
        harness.standIn.calls.sort((a, b) => sign * a.id.localeCompare(b.id));
      });

      await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:00:00.000Z');
      expect(incompleteLogs()[0]?.fields).toMatchObject({
        agent_id: agent.id,
        reason: IncompleteScanReason.idsMissing,
        calls_found: 100,
      });
    });
  });
});
