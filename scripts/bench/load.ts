import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { startHardeningAws } from '../../test/hardening/support/hardening-aws';
import { buildCallBody } from '../../test/hardening/support/hardening-payloads';
import { startHardeningPipeline } from '../../test/hardening/support/hardening-pipeline';
import { type Figure, quantile } from './figures';

const REQUESTS = 3000;
const CONNECTIONS = 64;

interface CannonRun {
  readonly perSecond: number;
  readonly acknowledgedAt: Map<string, number>;
}

function fire(url: string): Promise<CannonRun> {
  const acknowledgedAt = new Map<string, number>();

  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        amount: REQUESTS,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request, context) => {
              const callId = randomUUID();
              (context as { callId?: string }).callId = callId;

              return { ...request, body: buildCallBody(callId) };
            },
            onResponse: (status, _body, context) => {
              if (status === 200) {
                acknowledgedAt.set((context as { callId: string }).callId, performance.now());
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);

          return;
        }
        const seconds = (result.duration || 1) as number;
        resolve({ perSecond: result['2xx'] / seconds, acknowledgedAt });
      },
    );
  });
}

/** The plain Express handler of TalkPilot's docs: parse JSON, answer 200. */
async function startExpressBaseline(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/webhooks/talkpilot', (_request, response) => {
    response.sendStatus(200);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/talkpilot`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Alternating rounds of baseline and pipeline; each figure is the median over the rounds. */
const ROUNDS = 3;

async function fireBaseline(): Promise<number> {
  const baseline = await startExpressBaseline();
  const plain = await fire(baseline.url);
  await baseline.close();

  return plain.perSecond;
}

async function firePipeline(): Promise<{ perSecond: number; latencies: number[] }> {
  const aws = await startHardeningAws();
  const processedAt = new Map<string, number>();
  const pipeline = await startHardeningPipeline(aws, {
    http: true,
    pollerConcurrency: 8,
    hookBehaviour: async (callId) => {
      processedAt.set(callId, performance.now());
    },
  });
  const run = await fire(pipeline.webhookUrl);
  await pipeline.settle(new Set(run.acknowledgedAt.keys()), 300_000);
  await pipeline.stop();
  await aws.stop();
  const latencies = [...run.acknowledgedAt].map(([callId, ackMs]) =>
    Math.max(0, (processedAt.get(callId) ?? Number.NaN) - ackMs),
  );

  return { perSecond: run.perSecond, latencies };
}

/**
 * Webhooks per second acknowledged, and time from acknowledgement to processed, in alternating
 * rounds of the plain Express baseline and the local pipeline, so drift in the machine's load
 * hits both alike.
 */
export async function measureLoad(): Promise<Figure[]> {
  const plainRates: number[] = [];
  const pipelineRates: number[] = [];
  const ratios: number[] = [];
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const plain = await fireBaseline();
    const pipeline = await firePipeline();
    plainRates.push(plain);
    pipelineRates.push(pipeline.perSecond);
    ratios.push(pipeline.perSecond / plain);
    latencies.push(...pipeline.latencies);
  }

  return [
    {
      name: `plain Express baseline acknowledged (${REQUESTS} requests, ${CONNECTIONS} connections, median of ${ROUNDS} rounds)`,
      value: quantile(plainRates, 0.5),
      unit: 'webhooks/s',
    },
    {
      name: `local pipeline acknowledged (median of ${ROUNDS} rounds)`,
      value: quantile(pipelineRates, 0.5),
      unit: 'webhooks/s',
    },
    {
      name: 'local pipeline throughput relative to Express baseline (median of round ratios)',
      value: quantile(ratios, 0.5),
      unit: 'ratio',
    },
    {
      name: `acknowledgement to processed p50 (all ${ROUNDS} rounds)`,
      value: quantile(latencies, 0.5),
      unit: 'ms',
    },
    {
      name: `acknowledgement to processed p99 (all ${ROUNDS} rounds)`,
      value: quantile(latencies, 0.99),
      unit: 'ms',
    },
  ];
}
