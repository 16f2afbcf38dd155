import { findLeaks } from '../support/log-capture-scan';
import { type HardeningAws, startHardeningAws } from './support/hardening-aws';
import { buildCallBody } from './support/hardening-payloads';
import { type HardeningPipeline, startHardeningPipeline } from './support/hardening-pipeline';
import { planDeliveries, sendWebhooks } from './support/send-webhooks';

const WEBHOOKS = 10_000;
const DUPLICATES = WEBHOOKS / 5;
const CONCURRENCY = 64;

// Measured on 2 cores: about 100 s on its own, most of it the sending at about 100 webhooks per
// second, bound by local-aws-sqs, dynalite and the SDK clients sharing one event loop. The
// count stays at 10,000 webhooks; the hook timeouts only bound a hung run.
describe('local pipeline under load', () => {
  let aws: HardeningAws;
  let pipeline: HardeningPipeline;

  beforeAll(async () => {
    aws = await startHardeningAws();
    pipeline = await startHardeningPipeline(aws, { http: true, pollerConcurrency: 8 });
  });

  afterAll(async () => {
    await pipeline.stop();
    await aws.stop();
  });

  describe('10,000 webhooks with 20 % duplicates at concurrency 64', () => {
    const plan = planDeliveries(WEBHOOKS - DUPLICATES, DUPLICATES, 'load-call');
    let report: Awaited<ReturnType<typeof sendWebhooks>>;

    beforeAll(async () => {
      const bodies = plan.deliveries.map((callId) => buildCallBody(callId));

      report = await sendWebhooks(pipeline.webhookUrl, bodies, CONCURRENCY);
      await pipeline.settle(new Set(plan.callIds), 240_000);
    }, 400_000);

    it('acknowledges every webhook with 200', () => {
      expect(report.statusCounts).toEqual(new Map([[200, WEBHOOKS]]));
    });

    it('runs the hook exactly once for every distinct call', () => {
      const runs = [...pipeline.hookRuns.entries()];

      expect(runs).toHaveLength(WEBHOOKS - DUPLICATES);
      expect(runs.filter(([, count]) => count !== 1)).toEqual([]);
      expect(new Set(pipeline.hookRuns.keys())).toEqual(new Set(plan.callIds));
    });

    it('writes no error line and no personal value to the log', () => {
      // A delete that local-aws-sqs resets under load only leads to a redelivery, a duplicate.
      const errors = pipeline.logger.lines.filter(
        (line) => line.level === 'error' && line.message !== 'sqs delete failed',
      );
      const leaks = pipeline.logger.lines.flatMap((line) => findLeaks(line.json));

      expect(errors).toEqual([]);
      expect(leaks).toEqual([]);
    });
  });
});
