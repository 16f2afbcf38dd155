import { IngestMetric } from '../observability/metric-names';
import { MetricUnit } from '../observability/metrics';
import { MessageSource, type QueueMessage } from '../queue/queue-message';
import { measureMessageBytes } from '../queue/sqs-message-size';
import { WebhookSecretError } from '../secrets/webhook-secret-source';
import { isBodyAlteredByCharset } from './body-charset';
import { checkWebhookSecret } from './check-webhook-secret';
import type { IngestCoreDependencies } from './ingest-dependencies';
import { IngestLogMessage } from './ingest-log-messages';
import { type IngestRequest, WEBHOOK_PATH } from './ingest-request';
import { IngestFailure, IngestRejection, type IngestResult } from './ingest-result';
import { readMediaType } from './media-type';
import { decodeRequestBody } from './request-body';
import { readRoutingFields } from './routing-fields';

type Dependencies = IngestCoreDependencies;

interface RejectionContext {
  readonly event?: string;
  readonly callId?: string;
  readonly sourceIp?: string;
}

function reject(
  request: IngestRequest,
  deps: Dependencies,
  reason: IngestRejection,
  context: RejectionContext = {},
): IngestResult {
  deps.logger.warn(IngestLogMessage.rejected, {
    reason,
    request_id: request.requestId,
    content_type: readMediaType(request.headers['content-type']),
    ...(context.event === undefined ? {} : { event: context.event }),
    ...(context.callId === undefined ? {} : { call_id: context.callId }),
    ...(context.sourceIp === undefined ? {} : { source_ip: context.sourceIp }),
  });
  deps.metrics.addMetric(IngestMetric.rejected, MetricUnit.Count, 1);

  return { outcome: 'rejected', reason };
}

function checkRoute(request: IngestRequest): IngestRejection | undefined {
  const path = request.path.length > 1 ? request.path.replace(/\/+$/u, '') : request.path;
  if (path !== WEBHOOK_PATH) {
    return IngestRejection.routeNotFound;
  }

  return request.method === 'POST' ? undefined : IngestRejection.methodNotAllowed;
}

async function enqueue(
  request: IngestRequest,
  deps: Dependencies,
  message: QueueMessage,
): Promise<IngestResult> {
  const { event = '', callId } = message.metadata;
  const ids = { request_id: request.requestId, event, ...(callId ? { call_id: callId } : {}) };
  const { failedIndexes } = await deps.queue.sendMessages([message]);
  if (failedIndexes.length > 0) {
    deps.logger.error(IngestLogMessage.queueSendFailed, ids);
    deps.metrics.addMetric(IngestMetric.queueSendFailed, MetricUnit.Count, 1);

    return { outcome: 'failed', reason: IngestFailure.queueUnavailable };
  }
  // Debug only: the consumer's outcome line carries the same ids for every call, and each
  // request is in the API access log, so an info line here would only add billed bytes.
  deps.logger.debug(IngestLogMessage.accepted, {
    ...ids,
    content_type: readMediaType(request.headers['content-type']),
  });

  return { outcome: 'accepted', event, ...(callId ? { callId } : {}) };
}

async function ingestAuthenticated(
  request: IngestRequest,
  deps: Dependencies,
): Promise<IngestResult> {
  const contentType = request.headers['content-type'];
  if (isBodyAlteredByCharset(request.body, request.isBase64Encoded, contentType)) {
    return reject(request, deps, IngestRejection.bodyNotUtf8);
  }
  const body = decodeRequestBody(request, deps.maxMessageBytes);
  if (!body.ok) {
    return reject(request, deps, body.reason);
  }
  const routing = readRoutingFields(body.payload);
  if (!routing.ok) {
    return reject(request, deps, routing.reason, { event: routing.event });
  }

  const message: QueueMessage = {
    body: body.text,
    metadata: {
      source: MessageSource.webhook,
      receivedAt: deps.now().toISOString(),
      requestId: request.requestId,
      event: routing.event,
      ...(routing.callId === undefined ? {} : { callId: routing.callId }),
    },
  };
  if (measureMessageBytes(message) > deps.maxMessageBytes) {
    return reject(request, deps, IngestRejection.bodyTooLarge, routing);
  }

  return enqueue(request, deps, message);
}

/**
 * Handles one webhook request: checks route and method, source IP, secret and body in that
 * order, then queues the body text unchanged with its metadata. Returns `accepted` only after
 * the queue took the message. Logs one line per request, with ids only, never the secret or
 * the payload.
 */
export async function ingestWebhook(
  request: IngestRequest,
  deps: Dependencies,
): Promise<IngestResult> {
  const routeRejection = checkRoute(request);
  if (routeRejection !== undefined) {
    return reject(request, deps, routeRejection);
  }
  if (!deps.sourceIpAllowlist.allows(request.sourceIp)) {
    return reject(request, deps, IngestRejection.sourceIpNotAllowed, {
      sourceIp: request.sourceIp,
    });
  }

  try {
    const secretRejection = await checkWebhookSecret(request, deps);
    if (secretRejection !== undefined) {
      return reject(request, deps, secretRejection);
    }
  } catch (error) {
    if (!(error instanceof WebhookSecretError)) {
      throw error;
    }
    deps.logger.error(IngestLogMessage.secretUnavailable, { request_id: request.requestId, error });

    return { outcome: 'failed', reason: IngestFailure.secretUnavailable };
  }

  return ingestAuthenticated(request, deps);
}
