import { createLogger } from '../../functions/observability/logger';

function captureLine(write: () => void): Record<string, unknown> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));

    return true;
  });
  try {
    write();
  } finally {
    spy.mockRestore();
  }

  return JSON.parse(lines.join('').trim());
}

describe('CompactLogFormatter', () => {
  describe('line outside Lambda', () => {
    it('writes the standard keys and the line keys only', () => {
      const logger = createLogger('consumer');

      const line = captureLine(() => logger.info('message handled', { call_id: 'call-1' }));

      expect(Object.keys(line)).toEqual(['level', 'message', 'timestamp', 'service', 'call_id']);
    });
  });

  describe('line inside Lambda', () => {
    it('keeps the request id and leaves out the function details', () => {
      const logger = createLogger('ingest');
      logger.addContext({
        awsRequestId: 'request-1',
        functionName: 'ingest',
        invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:ingest',
        memoryLimitInMB: '256',
        functionVersion: '$LATEST',
        callbackWaitsForEmptyEventLoop: true,
        logGroupName: '/aws/lambda/ingest',
        logStreamName: 'stream',
        getRemainingTimeInMillis: () => 1000,
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
      });

      const line = captureLine(() => logger.info('webhook accepted'));

      expect(line.function_request_id).toBe('request-1');
      expect(line).not.toHaveProperty('function_arn');
      expect(line).not.toHaveProperty('sampling_rate');
    });
  });
});
