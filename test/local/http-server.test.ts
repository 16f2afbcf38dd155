import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type HttpApiHandler,
  MAX_REQUEST_BODY_BYTES,
  type RunningHttpServer,
  startHttpServer,
} from '../../local/http-server';
import { createCapturingLogger } from './capturing-logger';

describe('startHttpServer', () => {
  const logger = createCapturingLogger();
  const events: APIGatewayProxyEventV2[] = [];
  let behaviour: HttpApiHandler = async () => ({ statusCode: 200, body: '{"received":true}' });
  let server: RunningHttpServer;

  beforeAll(async () => {
    const handler: HttpApiHandler = async (event) => {
      events.push(event);

      return behaviour(event);
    };
    server = await startHttpServer({
      port: 0,
      routes: [{ method: 'ANY', path: '/webhooks/talkpilot', handler }],
      logger,
    });
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    events.length = 0;
    logger.lines.length = 0;
    behaviour = async () => ({ statusCode: 200, body: '{"received":true}' });
  });

  describe('matching route', () => {
    it('passes request as event when route matches', async () => {
      const response = await fetch(`${server.url}/webhooks/talkpilot?secret=abc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': 'abc' },
        body: '{"event":"call.completed"}',
      });

      expect(response.status).toBe(200);
      expect(await response.text()).toBe('{"received":true}');
      expect(events[0]?.body).toBe('{"event":"call.completed"}');
      expect(events[0]?.queryStringParameters).toEqual({ secret: 'abc' });
      expect(events[0]?.headers['x-webhook-secret']).toBe('abc');
      expect(events[0]?.requestContext.http.sourceIp).toBe('127.0.0.1');
    });

    it('answers 500 and logs when the handler throws', async () => {
      behaviour = async () => {
        throw new Error('boom');
      };

      const response = await fetch(`${server.url}/webhooks/talkpilot`, { method: 'POST' });

      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(logger.lines.map((line) => line.message)).toEqual(['http handler failed']);
    });
  });

  describe('gateway rejections', () => {
    it('answers 404 without calling the handler when the path is unknown', async () => {
      const response = await fetch(`${server.url}/other`, { method: 'POST', body: '{}' });

      expect(response.status).toBe(404);
      expect(events).toHaveLength(0);
    });

    it('answers 413 without calling the handler when the body passes 10 MB', async () => {
      const body = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1, 'a');

      const response = await fetch(`${server.url}/webhooks/talkpilot`, { method: 'POST', body });

      expect(response.status).toBe(413);
      expect(events).toHaveLength(0);
    });

    it('passes a body of exactly 10 MB to the handler', async () => {
      const body = Buffer.alloc(MAX_REQUEST_BODY_BYTES, 'a');

      const response = await fetch(`${server.url}/webhooks/talkpilot`, { method: 'POST', body });

      expect(response.status).toBe(200);
      expect(events).toHaveLength(1);
    });
  });
});
