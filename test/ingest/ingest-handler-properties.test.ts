import fc from 'fast-check';
import { createIngestHandler } from '../../functions/ingest/create-ingest-handler';
import type { QueueMessage } from '../../functions/queue/queue-message';
import { createStaticWebhookSecretSource } from '../../functions/secrets/static-webhook-secret-source';
import { createCapturingLogger, createCountingMetrics } from './support/capturing-logger';
import { buildWebhookEvent } from './support/webhook-event';

const SECRET = 'property-secret-value';

function createHandler() {
  const sent: QueueMessage[] = [];
  const log = createCapturingLogger();
  const handler = createIngestHandler({
    queue: {
      sendMessages: async (messages) => {
        sent.push(...messages);

        return { failedIndexes: [] };
      },
    },
    secrets: createStaticWebhookSecretSource({ current: SECRET }),
    logger: log.logger,
    metrics: createCountingMetrics().metrics,
    maxMessageBytes: 4096,
  });

  return { handler, sent, log };
}

const headerName = fc.constantFrom('content-type', 'Content-Type', 'X-Webhook-Secret', 'x-other');
const secretValue = fc.oneof(fc.constant(SECRET), fc.string(), fc.constant(undefined));
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc
    .record({ event: fc.oneof(fc.string(), fc.constantFrom('call.completed', 'call_ended')) })
    .map((value) => JSON.stringify(value)),
);

describe('ingest handler', () => {
  describe('any request', () => {
    it('returns 200 or a 4xx with a reason and never throws', async () => {
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.boolean(),
          fc.dictionary(headerName, fc.string()),
          secretValue,
          async (text, isBase64Encoded, headers, secret) => {
            const { handler, sent } = createHandler();
            const sentBody = isBase64Encoded ? Buffer.from(text).toString('base64') : text;
            const event = buildWebhookEvent({ body: sentBody, isBase64Encoded, headers, secret });

            const response = await handler(event);

            expect([200, 400, 401, 413]).toContain(response.statusCode);
            const parsed = JSON.parse(response.body ?? '');
            if (response.statusCode === 200) {
              expect(sent).toHaveLength(1);
            } else {
              expect(typeof parsed.error).toBe('string');
              expect(sent).toHaveLength(0);
            }
          },
        ),
      );
    });

    it('queues nothing and logs no secret when the secret is wrong', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1 }), body, async (secret, text) => {
          fc.pre(secret !== SECRET);
          const { handler, sent, log } = createHandler();

          const response = await handler(buildWebhookEvent({ body: text, secret }));

          expect(response.statusCode).toBe(401);
          expect(sent).toHaveLength(0);
          expect(log.text()).not.toContain(SECRET);
        }),
      );
    });
  });
});
