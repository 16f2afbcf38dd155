import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { LoggerPort } from '../functions/observability/logger';
import { toApiGatewayEvent } from './api-gateway-event';
import {
  fromApiGatewayResult,
  gatewayErrorResponse,
  type LocalHttpResponse,
} from './api-gateway-result';

/** API Gateway's maximum request payload: 10 MB. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/** A Lambda handler behind an HTTP API route, payload format 2.0. */
export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyResultV2<unknown>>;

/** One route: `ANY` matches every method, and the path must match exactly. */
export interface HttpRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: HttpApiHandler;
}

/** Options of `startHttpServer`. */
export interface HttpServerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  readonly routes: readonly HttpRoute[];
  readonly logger: LoggerPort;
}

/** A running local HTTP API. */
export interface RunningHttpServer {
  /** Base URL, such as `http://127.0.0.1:3000`. */
  readonly url: string;
  /** Stops accepting connections and resolves once the requests in flight have finished. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that acts as an API Gateway HTTP API: it turns each
 * request into a payload format 2.0 event, calls the route's handler and writes its result.
 * A body over 10 MB gets 413, an unknown route 404, and a handler that throws 500, each
 * without the handler's details in the response.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((request, response) => {
    handleRequest(request, options).then(
      (result) => writeResponse(response, result),
      // Only reading the body can fail here, when the client aborts, so no response can be sent.
      () => response.destroy(),
    );
  });
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;

  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function handleRequest(
  request: IncomingMessage,
  options: HttpServerOptions,
): Promise<LocalHttpResponse> {
  const method = request.method ?? 'GET';
  const path = (request.url ?? '/').split('?')[0];
  const route = options.routes.find(
    (candidate) =>
      candidate.path === path && (candidate.method === 'ANY' || candidate.method === method),
  );
  if (route === undefined) {
    request.resume();

    return gatewayErrorResponse(404, 'Not Found');
  }

  const body = await readBody(request);
  if (body === undefined) {
    return gatewayErrorResponse(413, 'Request Entity Too Large');
  }

  return invokeRoute(route, request, body, options.logger);
}

async function invokeRoute(
  route: HttpRoute,
  request: IncomingMessage,
  body: Buffer,
  logger: LoggerPort,
): Promise<LocalHttpResponse> {
  const requestId = randomUUID();
  const event = toApiGatewayEvent(
    {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${request.httpVersion}`,
    },
    { routeKey: `${route.method} ${route.path}`, requestId, receivedAt: new Date() },
  );

  try {
    return fromApiGatewayResult(await route.handler(event));
  } catch (error) {
    logger.error('http handler failed', { request_id: requestId, error });

    return gatewayErrorResponse(500, 'Internal Server Error');
  }
}

/**
 * Reads the whole body, or returns undefined once it passes the 10 MB limit. The rest of a
 * body that is too large is read and dropped, so the 413 response still reaches the client.
 */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BODY_BYTES;
    request.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length;
      tooLarge ||= receivedBytes > MAX_REQUEST_BODY_BYTES;
      if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    request.once('error', reject);
    request.once('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
  });
}

function writeResponse(response: ServerResponse, result: LocalHttpResponse): void {
  response.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': result.body.length,
  });
  response.end(result.body);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
