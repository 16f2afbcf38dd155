import { ReconcilerMetric } from '../../functions/observability/metric-names';
import { ReconcileAllAgentsFailedError } from '../../functions/reconciler/reconcile-errors';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

const at = (time: string) => `2026-03-22T${time}Z`;
const LOOKBACK = { lookbackMs: 60 * 60_000 };

describe('reconcile with failing agents', () => {
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

  describe('a key without calls:read', () => {
    it('counts the failed agent and throws when every agent failed', async () => {
      harness = await createReconcileHarness(aws, { settings: LOOKBACK });
      const agent = harness.standIn.addAgent();
      harness.standIn.addCall(agent.id, { created_at: at('11:00:00') });
      harness.standIn.fail({ path: /\/calls/, status: 403, times: 1000 });

      const error = await harness.run().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ReconcileAllAgentsFailedError);
      expect(harness.metrics.get(ReconcilerMetric.agentsFailed)).toBe(1);
      expect(harness.logs.map((line) => line.message)).toContain(ReconcilerLogMessage.agentFailed);
    });
  });

  describe('one of two agents failing', () => {
    it('counts the failed agent and resolves', async () => {
      harness = await createReconcileHarness(aws, { settings: LOOKBACK });
      const [failing, healthy] = [harness.standIn.addAgent(), harness.standIn.addAgent()];
      harness.standIn.addCall(healthy.id, { created_at: at('11:00:00') });
      harness.standIn.fail({ path: `/agents/${failing.id}/calls`, status: 403, times: 1000 });

      const result = await harness.run();

      expect(result?.agents.map((agent) => agent.outcome).sort()).toEqual(['complete', 'failed']);
      expect(harness.metrics.get(ReconcilerMetric.agentsFailed)).toBe(1);
    });
  });

  describe('no agent failing', () => {
    it('records no failed agent', async () => {
      harness = await createReconcileHarness(aws, { settings: LOOKBACK });
      harness.standIn.addCall(harness.standIn.addAgent().id, { created_at: at('11:00:00') });

      await harness.run();

      expect(harness.metrics.get(ReconcilerMetric.agentsFailed) ?? 0).toBe(0);
    });
  });
});
