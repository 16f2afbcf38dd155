import { fromApiGatewayResult, gatewayErrorResponse } from '../../local/api-gateway-result';

describe('fromApiGatewayResult', () => {
  describe('structured result', () => {
    it('copies status, headers and text body when given a structured result', () => {
      const result = {
        statusCode: 401,
        headers: { 'Content-Type': 'application/json', 'X-Count': 2 },
        body: '{"message":"unauthorized"}',
      };

      const response = fromApiGatewayResult(result);

      expect(response.statusCode).toBe(401);
      expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-count': '2' });
      expect(response.body.toString()).toBe('{"message":"unauthorized"}');
    });

    it('decodes the body when isBase64Encoded is true', () => {
      const result = {
        statusCode: 200,
        body: Buffer.from([0, 255]).toString('base64'),
        isBase64Encoded: true,
      };

      const response = fromApiGatewayResult(result);

      expect([...response.body]).toEqual([0, 255]);
    });

    it('sends cookies as set-cookie headers when the result has cookies', () => {
      const response = fromApiGatewayResult({ statusCode: 204, cookies: ['a=1', 'b=2'] });

      expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(response.body.length).toBe(0);
    });
  });

  describe('inferred result', () => {
    it('answers 200 JSON when the result has no statusCode', () => {
      const response = fromApiGatewayResult({ received: true });

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.body.toString()).toBe('{"received":true}');
    });
  });
});

describe('gatewayErrorResponse', () => {
  describe('message body', () => {
    it('wraps the message in JSON when building an error', () => {
      const response = gatewayErrorResponse(413, 'Request Entity Too Large');

      expect(response.statusCode).toBe(413);
      expect(response.body.toString()).toBe('{"message":"Request Entity Too Large"}');
    });
  });
});
