import { ReconcilerMetric } from '../../functions/observability/metric-names';
import { MessageSource } from '../../functions/queue/queue-message';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

// The fake clock starts at 12:00Z, so a first run scans 2026-03-21T12:00Z to 11:50Z.
const at = (time: string) => `2026-03-22T${time}Z`;

describe('reconcile', () => {
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

  const summaries = () =>
    harness.logs.filter((line) => line.message === ReconcilerLogMessage.agentSummary);
  const detailRequests = () =>
    harness.standIn.requests.filter((request) => /\/calls\/[^/]+$/.test(request.path));

  describe('calls of two agents, some received by webhook', () => {
    it('processes exactly the missed calls once', async () => {
      harness = await createReconcileHarness(aws);
      const [first, second] = [harness.standIn.addAgent(), harness.standIn.addAgent()];
      const calls = [
        harness.standIn.addCall(first.id, { created_at: at('08:00:00') }),
        harness.standIn.addCall(first.id, { created_at: at('09:00:00') }),
        harness.standIn.addCall(second.id, { created_at: '2026-03-21T20:00:00Z' }),
        harness.standIn.addCall(second.id, { created_at: at('11:40:00') }),
      ];
      const [delivered, , alsoDelivered] = calls;
      await harness.recordCalls([delivered?.id ?? '', alsoDelivered?.id ?? '']);

      const result = await harness.run();
      await harness.consumeQueue();

      expect(harness.processed.sort()).toEqual([calls[1]?.id, calls[3]?.id].sort());
      expect(result?.agents.map((agent) => agent.outcome)).toEqual(['complete', 'complete']);
      expect(harness.metrics.get(ReconcilerMetric.callsEnqueued)).toBe(2);
      expect(harness.metrics.get(ReconcilerMetric.callsSeen)).toBe(4);
    });

    it('does not fetch the detail of a call with a ledger record', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const delivered = harness.standIn.addCall(agent.id, { created_at: at('08:00:00') });
      const missed = harness.standIn.addCall(agent.id, { created_at: at('09:00:00') });
      await harness.recordCalls([delivered.id]);

      await harness.run();

      expect(detailRequests().map((request) => request.path)).toEqual([
        `/agents/${agent.id}/calls/${missed.id}`,
      ]);
    });

    it('logs one summary per agent and each missed call at warn', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const missed = harness.standIn.addCall(agent.id, { created_at: at('09:00:00') });

      await harness.run();

      expect(summaries()).toHaveLength(1);
      expect(summaries()[0]?.fields).toMatchObject({
        agent_id: agent.id,
        calls_seen: 1,
        calls_missed: 1,
        calls_enqueued: 1,
        rate_limited: 0,
      });
      expect(summaries()[0]?.fields.requests_used).toBeGreaterThan(24);
      const warnings = harness.logs.filter(
        (line) => line.message === ReconcilerLogMessage.missedCall,
      );
      expect(warnings).toEqual([
        {
          level: 'warn',
          message: ReconcilerLogMessage.missedCall,
          fields: { agent_id: agent.id, call_id: missed.id },
        },
      ]);
    });

    it('queues the detail as a call.completed message with reconcile metadata', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const missed = harness.standIn.addCall(agent.id, { created_at: at('09:00:00') });
      const messages: unknown[] = [];
      await harness.close();
      harness = await createReconcileHarness(aws, {
        queue: (real) => ({
          sendMessages: (batch) => {
            messages.push(...batch);

            return real.sendMessages(batch);
          },
        }),
      });
      const agentAgain = harness.standIn.addAgent({ id: agent.id });
      harness.standIn.addCall(agentAgain.id, { ...missed });

      await harness.run();

      expect(messages).toEqual([
        {
          body: JSON.stringify({ event: 'call.completed', call: { ...missed } }),
          metadata: {
            source: MessageSource.reconcile,
            receivedAt: new Date(harness.time.now()).toISOString(),
            requestId: `run-${Date.parse(at('12:00:00'))}`,
            event: 'call.completed',
            callId: missed.id,
          },
        },
      ]);
    });
  });

  describe('a second run over the same window', () => {
    it('queues nothing new when run again', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const missed = harness.standIn.addCall(agent.id, { created_at: at('11:45:00') });
      await harness.run();
      await harness.consumeQueue();

      harness.time.advance(60 * 60_000);
      const second = await harness.run();
      await harness.consumeQueue();

      expect(harness.processed).toEqual([missed.id]);
      expect(second?.agents[0]?.enqueued).toBe(0);
    });
  });

  describe('watermark', () => {
    it('moves to the window end when every call is handled', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      harness.standIn.addCall(agent.id, { created_at: at('09:00:00') });

      await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:50:00.000Z');
    });

    it('stays at a call that is still running', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const running = harness.standIn.addCall(agent.id, {
        created_at: at('11:30:00'),
        duration: 3600,
      });

      const result = await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe(
        new Date(running.created_at).toISOString(),
      );
      expect(result?.agents[0]?.pending).toBe(1);
      expect(detailRequests()).toEqual([]);
    });

    it('stays before a slice whose pages failed', async () => {
      harness = await createReconcileHarness(aws);
      const agent = harness.standIn.addAgent();
      const other = harness.standIn.addAgent();
      harness.standIn.addCall(agent.id, { created_at: at('03:30:00') });
      harness.standIn.beforeRequest.push((request) => {
        const failing =
          request.path === `/agents/${agent.id}/calls` &&
          (request.query.from ?? '') >= at('02:59:59');
        harness.standIn.faults.length = 0;
        if (failing) {
          harness.standIn.fail({ status: 500 });
        }
      });

      const result = await harness.run();

      const outcomes = Object.fromEntries(
        result?.agents.map((summary) => [summary.agentId, summary.outcome]) ?? [],
      );
      expect(outcomes).toEqual({ [agent.id]: 'failed', [other.id]: 'complete' });
      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T03:00:00.000Z');
      expect(await harness.readWatermark(other.id)).toBe('2026-03-22T11:50:00.000Z');
    });

    it('stays at a call the queue did not accept', async () => {
      harness = await createReconcileHarness(aws, {
        queue: () => ({
          sendMessages: async (batch) => ({ failedIndexes: batch.map((_, index) => index) }),
        }),
      });
      const agent = harness.standIn.addAgent();
      const unsent = harness.standIn.addCall(agent.id, { created_at: at('04:10:00') });

      await harness.run();

      expect(await harness.readWatermark(agent.id)).toBe(new Date(unsent.created_at).toISOString());
      expect(harness.logs.some((line) => line.message === ReconcilerLogMessage.enqueueFailed)).toBe(
        true,
      );
    });
  });
});
