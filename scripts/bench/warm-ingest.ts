import { createIngestHandler } from '../../functions/ingest/create-ingest-handler';
import { createStaticWebhookSecretSource } from '../../functions/secrets/static-webhook-secret-source';
import { discardedMetrics } from '../../local/local-handlers';
import { buildCallBody, HARDENING_SECRET } from '../../test/hardening/support/hardening-payloads';
import { createQuietLogger } from '../../test/hardening/support/quiet-logger';
import { buildWebhookEvent } from '../../test/ingest/support/webhook-event';
import { type Figure, quantile } from './figures';

const ITERATIONS = 5000;
const WARMUP = 500;

/** Time per request of a warm ingest handler with an in-memory queue, p50 and p99. */
export async function measureWarmIngest(): Promise<Figure[]> {
  const handler = createIngestHandler({
    queue: { sendMessages: async () => ({ failedIndexes: [] }) },
    secrets: createStaticWebhookSecretSource({ current: HARDENING_SECRET }),
    logger: createQuietLogger(),
    metrics: discardedMetrics,
    maxMessageBytes: 1_048_576,
  });
  const figures: Figure[] = [];
  for (const kilobytes of [1, 64]) {
    const base = buildCallBody('warm-call').length;
    const body = buildCallBody('warm-call', Math.max(0, kilobytes * 1024 - base));
    const event = buildWebhookEvent({ body, secret: HARDENING_SECRET });
    const times: number[] = [];
    for (let index = 0; index < WARMUP + ITERATIONS; index += 1) {
      const start = process.hrtime.bigint();
      await handler(event);
      if (index >= WARMUP) {
        times.push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
    for (const [label, fraction] of [
      ['p50', 0.5],
      ['p99', 0.99],
    ] as const) {
      figures.push({
        name: `warm ingest ${kilobytes} KB ${label} (${ITERATIONS} requests)`,
        value: quantile(times, fraction),
        unit: 'µs',
      });
    }
  }

  return figures;
}
