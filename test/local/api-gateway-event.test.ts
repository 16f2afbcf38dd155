import fc from 'fast-check';
import {
  isTextContentType,
  type LocalHttpRequest,
  toApiGatewayEvent,
} from '../../local/api-gateway-event';

const context = {
  routeKey: 'ANY /webhooks/talkpilot',
  requestId: 'request-1',
  receivedAt: new Date('2026-03-22T10:30:05.123Z'),
};

function buildRequest(overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: 'POST',
    url: '/webhooks/talkpilot',
    rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json'],
    body: Buffer.from('{"event":"call.completed"}'),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...overrides,
  };
}

describe('toApiGatewayEvent', () => {
  describe('request line and context', () => {
    it('fills the payload format 2.0 fields when given a POST', () => {
      const request = buildRequest({ url: '/webhooks/talkpilot?secret=s3cret&x=1' });

      const event = toApiGatewayEvent(request, context);

      expect(event.version).toBe('2.0');
      expect(event.routeKey).toBe('ANY /webhooks/talkpilot');
      expect(event.rawPath).toBe('/webhooks/talkpilot');
      expect(event.rawQueryString).toBe('secret=s3cret&x=1');
      expect(event.requestContext.http).toEqual({
        method: 'POST',
        path: '/webhooks/talkpilot',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: '',
      });
      expect(event.requestContext.requestId).toBe('request-1');
      expect(event.requestContext.domainName).toBe('127.0.0.1:3000');
      expect(event.requestContext.stage).toBe('$default');
    });

    it('formats the request time like API Gateway when converting', () => {
      const event = toApiGatewayEvent(buildRequest(), context);

      expect(event.requestContext.time).toBe('22/Mar/2026:10:30:05 +0000');
      expect(event.requestContext.timeEpoch).toBe(context.receivedAt.getTime());
    });
  });

  describe('headers, cookies and query', () => {
    it('lowercases and comma-joins headers when names repeat in any case', () => {
      const rawHeaders = ['X-Trace', 'a', 'x-trace', 'b', 'User-Agent', 'curl/8.5.0'];

      const event = toApiGatewayEvent(buildRequest({ rawHeaders }), context);

      expect(event.headers['x-trace']).toBe('a,b');
      expect(event.requestContext.http.userAgent).toBe('curl/8.5.0');
    });

    it('moves cookies out of the headers when a cookie header is sent', () => {
      const rawHeaders = ['Cookie', 'a=1; b=2', 'Cookie', 'c=3'];

      const event = toApiGatewayEvent(buildRequest({ rawHeaders }), context);

      expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
      expect(event.headers.cookie).toBeUndefined();
    });

    it('decodes and comma-joins query parameters when names repeat', () => {
      const request = buildRequest({ url: '/webhooks/talkpilot?a=1&a=2&b=x%20y' });

      const event = toApiGatewayEvent(request, context);

      expect(event.queryStringParameters).toEqual({ a: '1,2', b: 'x y' });
    });

    it('omits queryStringParameters and cookies when there are none', () => {
      const event = toApiGatewayEvent(buildRequest(), context);

      expect(event.queryStringParameters).toBeUndefined();
      expect(event.cookies).toBeUndefined();
    });
  });

  describe('body', () => {
    it('omits the body when the request has none', () => {
      const event = toApiGatewayEvent(buildRequest({ body: Buffer.alloc(0) }), context);

      expect(event.body).toBeUndefined();
      expect(event.isBase64Encoded).toBe(false);
    });

    it.each([
      ['application/json', false],
      ['application/json; charset=utf-8', false],
      ['Application/JSON', false],
      ['application/cloudevents+json', false],
      ['text/plain', false],
      ['application/x-www-form-urlencoded', true],
      ['application/octet-stream', true],
      [undefined, true],
    ])('base64-encodes the body of %s: %s', (contentType, base64) => {
      const rawHeaders = contentType === undefined ? [] : ['content-type', contentType];

      const event = toApiGatewayEvent(buildRequest({ rawHeaders }), context);

      expect(event.isBase64Encoded).toBe(base64);
    });

    it('keeps any UTF-8 text unchanged when the body is JSON', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
          const event = toApiGatewayEvent(buildRequest({ body: Buffer.from(text) }), context);

          expect(event.body).toBe(text);
        }),
      );
    });

    it('passes base64 when a JSON body is Latin-1, not UTF-8', () => {
      const rawHeaders = ['Content-Type', 'application/json;charset=iso-8859-1'];
      const bytes = Buffer.from('{"event":"call.completed","name":"M\u00fcller"}', 'latin1');

      const event = toApiGatewayEvent(buildRequest({ rawHeaders, body: bytes }), context);

      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body ?? '', 'base64').equals(bytes)).toBe(true);
    });

    it('never replaces bytes when the body of a text type is arbitrary', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1 }), (bytes) => {
          const event = toApiGatewayEvent(buildRequest({ body: Buffer.from(bytes) }), context);

          const received = event.isBase64Encoded
            ? Buffer.from(event.body ?? '', 'base64')
            : Buffer.from(event.body ?? '', 'utf8');
          expect(received.equals(Buffer.from(bytes))).toBe(true);
        }),
      );
    });

    it('round-trips any bytes through base64 when the body is binary', () => {
      const rawHeaders = ['Content-Type', 'application/octet-stream'];
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1 }), (bytes) => {
          const event = toApiGatewayEvent(
            buildRequest({ rawHeaders, body: Buffer.from(bytes) }),
            context,
          );

          expect(Buffer.from(event.body ?? '', 'base64').equals(Buffer.from(bytes))).toBe(true);
        }),
      );
    });
  });

  describe('arbitrary input', () => {
    it('converts without throwing when headers, target and body are arbitrary', () => {
      const header = fc.tuple(fc.string(), fc.string());
      fc.assert(
        fc.property(fc.array(header), fc.string(), fc.uint8Array(), (headers, target, bytes) => {
          const request = buildRequest({
            rawHeaders: headers.flat(),
            url: `/${target}`,
            body: Buffer.from(bytes),
          });

          const event = toApiGatewayEvent(request, context);

          expect(event.rawPath.startsWith('/')).toBe(true);
          expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
        }),
      );
    });
  });
});

describe('isTextContentType', () => {
  describe('media type parameters', () => {
    it('ignores parameters and case when given a JSON type', () => {
      const text = isTextContentType(' Application/Json ; charset=UTF-8');

      expect(text).toBe(true);
    });
  });
});
