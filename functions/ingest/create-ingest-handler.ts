import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { IngestCoreDependencies, IngestDependencies } from './ingest-dependencies';
import { IngestLogMessage } from './ingest-log-messages';
import type { IngestRequest } from './ingest-request';
import { internalErrorResponse, toIngestResponse } from './ingest-response';
import { ingestWebhook } from './ingest-webhook';
import { createSourceIpAllowlist } from './source-ip-allowlist';

export type { IngestDependencies } from './ingest-dependencies';

/** The ingest Lambda handler for an API Gateway HTTP API event (payload format 2.0). */
export type IngestHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

function lowercaseHeaders(headers: APIGatewayProxyEventV2['headers'] | undefined) {
  const lowercased: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    lowercased[name.toLowerCase()] = value;
  }

  return lowercased;
}

function stripStage(rawPath: string, stage: string | undefined): string {
  if (stage === undefined || stage === '$default') {
    return rawPath;
  }
  const prefix = `/${stage}`;

  return rawPath === prefix || rawPath.startsWith(`${prefix}/`)
    ? rawPath.slice(prefix.length) || '/'
    : rawPath;
}

/** Takes the fields the core needs out of an HTTP API 2.0 event. */
export function toIngestRequest(event: APIGatewayProxyEventV2): IngestRequest {
  const http = event.requestContext?.http;

  return {
    method: (http?.method ?? '').toUpperCase(),
    path: stripStage(event.rawPath ?? http?.path ?? '/', event.requestContext?.stage),
    headers: lowercaseHeaders(event.headers),
    querySecret: event.queryStringParameters?.secret,
    sourceIp: http?.sourceIp,
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    requestId: event.requestContext?.requestId || randomUUID(),
  };
}

/**
 * Creates the ingest handler: decodes the event, runs `ingestWebhook` and maps its result to
 * the response. An unexpected error becomes a generic 500, with its detail only in the log.
 * Throws `SourceCidrInvalidError` at once when `allowedSourceCidrs` has an invalid entry.
 */
export function createIngestHandler(deps: IngestDependencies): IngestHandler {
  const coreDependencies: IngestCoreDependencies = {
    ...deps,
    sourceIpAllowlist: createSourceIpAllowlist(deps.allowedSourceCidrs ?? []),
    now: deps.now ?? (() => new Date()),
  };

  return async (event) => {
    const request = toIngestRequest(event);
    try {
      return toIngestResponse(await ingestWebhook(request, coreDependencies));
    } catch (error) {
      deps.logger.error(IngestLogMessage.unexpectedError, { request_id: request.requestId, error });

      return internalErrorResponse();
    }
  };
}
