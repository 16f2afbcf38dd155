import fc from 'fast-check';
import { mapErrorResponse, UNKNOWN_ERROR_CODE } from '../../functions/talkpilot/error-envelope';
import {
  TalkPilotApiError,
  TalkPilotBadRequestError,
  TalkPilotForbiddenError,
  TalkPilotNotFoundError,
  TalkPilotRateLimitedError,
  TalkPilotServerError,
  TalkPilotUnauthorizedError,
} from '../../functions/talkpilot/talkpilot-errors';

const NOW_MS = Date.parse('2026-03-22T12:00:00Z');
const OPERATION = 'GET /agents';

function envelope(code: string, requestId = 'req_1'): string {
  return JSON.stringify({ error: { code, message: 'Something failed', request_id: requestId } });
}

describe('mapErrorResponse', () => {
  describe('documented envelopes', () => {
    it.each([
      [400, 'VALIDATION_ERROR', TalkPilotBadRequestError],
      [401, 'UNAUTHORIZED', TalkPilotUnauthorizedError],
      [403, 'FORBIDDEN', TalkPilotForbiddenError],
      [404, 'NOT_FOUND', TalkPilotNotFoundError],
      [429, 'RATE_LIMITED', TalkPilotRateLimitedError],
      [500, 'INTERNAL_ERROR', TalkPilotServerError],
      [503, 'INTERNAL_ERROR', TalkPilotServerError],
    ])('maps %p %p to its class', (status, code, errorClass) => {
      const error = mapErrorResponse(
        { status, body: envelope(code), operation: OPERATION },
        NOW_MS,
      );

      expect(error).toBeInstanceOf(errorClass);
      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
      expect(error.requestId).toBe('req_1');
    });

    it('keeps the Retry-After wait when the status is 429', () => {
      const error = mapErrorResponse(
        { status: 429, body: envelope('RATE_LIMITED'), retryAfter: '18', operation: OPERATION },
        NOW_MS,
      );

      expect((error as TalkPilotRateLimitedError).retryAfterMs).toBe(18_000);
    });
  });

  describe('garbled bodies', () => {
    it.each([['<html>Bad gateway</html>'], [''], ['{"error":"text"}'], ['[]']])(
      'uses the unknown code when the body is %p',
      (body) => {
        const error = mapErrorResponse({ status: 502, body, operation: OPERATION }, NOW_MS);

        expect(error).toBeInstanceOf(TalkPilotServerError);
        expect(error.code).toBe(UNKNOWN_ERROR_CODE);
        expect(error.requestId).toBeUndefined();
      },
    );
  });

  describe('any input', () => {
    it('returns an API error with the status when given any body', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 400, max: 599 }),
          fc.oneof(
            fc.string(),
            fc.json(),
            fc.jsonValue().map((value) => JSON.stringify({ error: value })),
          ),
          fc.option(fc.string(), { nil: undefined }),
          (status, body, retryAfter) => {
            const error = mapErrorResponse(
              { status, body, retryAfter, operation: OPERATION },
              NOW_MS,
            );

            expect(error).toBeInstanceOf(TalkPilotApiError);
            expect(error.status).toBe(status);
            expect(error.code).toMatch(/^[\x20-\x7e]{1,64}$/);
          },
        ),
      );
    });

    it('leaves the envelope message out of the error message', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[a-z]{12}$/), (secret) => {
          const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: secret } });

          const error = mapErrorResponse({ status: 400, body, operation: OPERATION }, NOW_MS);

          expect(error.message.includes(secret)).toBe(false);
        }),
      );
    });
  });
});
