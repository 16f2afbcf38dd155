import type { QueueMessage } from '../../functions/queue/queue-message';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { type LocalAws, startLocalAws } from '../support/local-aws';
import { createReconcileHarness, type ReconcileHarness } from './reconcile-harness';

const ONE_SLICE = { lookbackMs: 60 * 60_000, sliceMs: 60 * 60_000 };
const OVER_ONE_MIB = 1_100_000;

describe('reconcile with call details over the message size limit', () => {
  let aws: LocalAws;
  let harness: ReconcileHarness;
  let sent: QueueMessage[];

  beforeAll(async () => {
    aws = await startLocalAws();
  });

  afterAll(async () => {
    await aws.stop();
  });

  beforeEach(async () => {
    sent = [];
    harness = await createReconcileHarness(aws, {
      settings: ONE_SLICE,
      queue: (real) => ({
        sendMessages: (messages) => {
          sent.push(...messages);

          return real.sendMessages(messages);
        },
      }),
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  const errorMessages = () =>
    harness.logs.filter((line) => line.level === 'error').map((line) => line.message);

  describe('a transcript over 1 MiB', () => {
    it('queues the call without transcript and audio URL, marked transcript_omitted', async () => {
      const agent = harness.standIn.addAgent();
      const big = harness.standIn.addCall(agent.id, {
        created_at: '2026-03-22T11:00:00Z',
        transcript: 'x'.repeat(OVER_ONE_MIB),
      });

      await harness.run();
      await harness.consumeQueue();

      const body = JSON.parse(sent[0]?.body ?? '{}') as { call: Record<string, unknown> };
      expect(body.call).toMatchObject({ id: big.id, transcript_omitted: true });
      expect(body.call).not.toHaveProperty('transcript');
      expect(body.call).not.toHaveProperty('audio_file_url');
      expect(harness.processed).toEqual([big.id]);
      expect(errorMessages()).toEqual([]);
      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:50:00.000Z');
    });
  });

  describe('another field over 1 MiB', () => {
    it('logs an error and holds the watermark at the call', async () => {
      const agent = harness.standIn.addAgent();
      harness.standIn.addCall(agent.id, {
        created_at: '2026-03-22T11:00:00Z',
        call_summary: 'x'.repeat(OVER_ONE_MIB),
      });

      await harness.run();

      expect(sent).toEqual([]);
      expect(errorMessages()).toEqual([ReconcilerLogMessage.oversizedCall]);
      expect(await harness.readWatermark(agent.id)).toBe('2026-03-22T11:00:00.000Z');
    });
  });
});
