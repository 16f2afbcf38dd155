import {
  InternalServerError,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { RequestThrottled } from '@aws-sdk/client-sqs';
import { MAX_COMPLETE_ATTEMPTS } from '../../functions/consumer/run-once';
import { callKey } from '../../functions/ledger/ledger-keys';
import { buildWebhookEvent } from '../ingest/support/webhook-event';
import { type InjectedFault, injectFaults } from './support/fault-middleware';
import { type HardeningAws, startHardeningAws } from './support/hardening-aws';
import { buildCallBody, callIdOf, HARDENING_SECRET } from './support/hardening-payloads';
import { type HardeningPipeline, startHardeningPipeline } from './support/hardening-pipeline';
import { planDeliveries, seededRandom } from './support/send-webhooks';

const CALLS = 150;
const DUPLICATES = 30;
const LEASE_MS = 1500;
const LEDGER_COMMANDS = new Set([
  'PutItemCommand',
  'GetItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
]);

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'injected throttle', $metadata: {} });
const internalError = () => new InternalServerError({ message: 'injected error', $metadata: {} });
const sqsThrottled = () =>
  new RequestThrottled({ message: 'injected throttle', $metadata: { httpStatusCode: 400 } });

/** Sends each call id once through the ingest handler; returns the ids answered with 503. */
async function deliver(pipeline: HardeningPipeline, callIds: readonly string[]) {
  const unavailable: string[] = [];
  const statuses = new Set<number>();
  for (const callId of callIds) {
    const event = buildWebhookEvent({ body: buildCallBody(callId), secret: HARDENING_SECRET });
    const response = await pipeline.ingest(event);
    statuses.add(response.statusCode ?? 0);
    if (response.statusCode === 503) {
      unavailable.push(callId);
    }
  }

  return { unavailable, statuses };
}

function faultsPerKey(faults: readonly InjectedFault[], commandName: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fault of faults.filter((candidate) => candidate.commandName === commandName)) {
    counts.set(fault.subject, (counts.get(fault.subject) ?? 0) + 1);
  }

  return counts;
}

describe('pipeline with injected faults', () => {
  let aws: HardeningAws;
  let pipeline: HardeningPipeline;
  const plan = planDeliveries(CALLS, DUPLICATES, 'fault-call');

  beforeAll(async () => {
    aws = await startHardeningAws();
  });

  afterEach(async () => {
    await pipeline.stop();
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe('DynamoDB throttling before one in five ledger requests', () => {
    it('processes every call once, and again only after all completion attempts failed', async () => {
      const client = aws.newDynamoDbClient();
      const random = seededRandom(1);
      const faults = injectFaults(
        client,
        (command) => (LEDGER_COMMANDS.has(command) && random() < 0.2 ? 'before_send' : undefined),
        throttled,
      );
      pipeline = await startHardeningPipeline(aws, { dynamodb: client, leaseMs: LEASE_MS });

      const { statuses } = await deliver(pipeline, plan.deliveries);
      await pipeline.settle(new Set(plan.callIds));

      // Completion is retried after the hook. Only when every attempt was refused does the call
      // run again, once the kept claim's lease has ended, so each extra run costs a full set.
      const refusedCompletions = faultsPerKey(faults, 'UpdateItemCommand');
      const expectedRuns = (id: string) =>
        1 + Math.floor((refusedCompletions.get(callKey(id)) ?? 0) / MAX_COMPLETE_ATTEMPTS);
      const unexpected = plan.callIds.filter(
        (id) => pipeline.hookRuns.get(id) !== expectedRuns(id),
      );
      expect(statuses).toEqual(new Set([200]));
      expect(unexpected).toEqual([]);
      // The hook never throws here, and a claim is released only after a hook failure.
      expect(new Set(faults.map((fault) => fault.commandName))).toEqual(
        new Set(['PutItemCommand', 'GetItemCommand', 'UpdateItemCommand']),
      );
    });
  });

  describe('DynamoDB errors after one in five ledger writes were applied', () => {
    it('runs the hook exactly once for every call', async () => {
      const client = aws.newDynamoDbClient();
      const random = seededRandom(2);
      const faults = injectFaults(
        client,
        (command) =>
          command !== 'GetItemCommand' && LEDGER_COMMANDS.has(command) && random() < 0.2
            ? 'response_lost'
            : undefined,
        internalError,
      );
      pipeline = await startHardeningPipeline(aws, { dynamodb: client, leaseMs: LEASE_MS });

      await deliver(pipeline, plan.deliveries);
      await pipeline.settle(new Set(plan.callIds));

      const runs = plan.callIds.map((id) => pipeline.hookRuns.get(id));
      expect(runs.filter((count) => count !== 1)).toEqual([]);
      expect(pipeline.hookRuns.size).toBe(CALLS);
      expect(faults.some((fault) => fault.commandName === 'PutItemCommand')).toBe(true);
      expect(faults.some((fault) => fault.commandName === 'UpdateItemCommand')).toBe(true);
    });
  });

  describe('SQS send failures at ingest', () => {
    it('answers 503 and gets each call processed once when TalkPilot sends it again', async () => {
      const client = aws.newSqsClient();
      const random = seededRandom(3);
      let failing = true;
      const doomed = new Set(plan.callIds.filter(() => random() < 0.2));
      const lost = new Set(plan.callIds.filter((id) => !doomed.has(id) && random() < 0.1));
      const faults = injectFaults(
        client,
        (command, body) => {
          const callId = body === '' ? '' : callIdOf(JSON.parse(body));
          if (!failing || command !== 'SendMessageBatchCommand') {
            return undefined;
          }
          if (doomed.has(callId)) {
            return 'before_send';
          }

          return lost.has(callId) ? 'response_lost' : undefined;
        },
        sqsThrottled,
      );
      pipeline = await startHardeningPipeline(aws, { ingestSqs: client });

      const first = await deliver(pipeline, plan.callIds);
      failing = false;
      const second = await deliver(pipeline, first.unavailable);
      await pipeline.settle(new Set(plan.callIds));

      expect(new Set(first.unavailable)).toEqual(new Set([...doomed, ...lost]));
      expect(second.unavailable).toEqual([]);
      expect(faults.length).toBeGreaterThan(first.unavailable.length);
      expect(plan.callIds.filter((id) => pipeline.hookRuns.get(id) !== 1)).toEqual([]);
    });
  });

  describe('a hook that throws on its first run for one call in three', () => {
    it('retries each such call and completes every call once', async () => {
      const random = seededRandom(4);
      const failOnce = new Set(plan.callIds.filter(() => random() < 0.33));
      const completed = new Map<string, number>();
      pipeline = await startHardeningPipeline(aws, {
        hookBehaviour: async (callId) => {
          if (failOnce.delete(callId)) {
            throw new Error('injected hook failure');
          }
          completed.set(callId, (completed.get(callId) ?? 0) + 1);
        },
      });

      await deliver(pipeline, plan.deliveries);
      await pipeline.settle(new Set(plan.callIds));
      await waitForEmpty(() => completed.size === CALLS);

      expect(failOnce.size).toBe(0);
      expect(plan.callIds.filter((id) => completed.get(id) !== 1)).toEqual([]);
    });
  });
});

async function waitForEmpty(done: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 600 && !done(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
