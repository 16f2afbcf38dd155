import {
  DEFAULT_CALL_HOOK_MESSAGE,
  DEFAULT_EMPLOYEE_HOOK_MESSAGE,
  defaultActionHooks,
  type HookContext,
} from '../../functions/hooks/on-call';
import { parseQueuedPayload } from '../../functions/schemas/parse-queued-payload';
import { buildCallCompletedBody, createCapturingLogger } from './consumer-test-kit';

function buildContext(logger: HookContext['logger'], event: string): HookContext {
  return {
    logger,
    event,
    source: 'webhook',
    receivedAt: '2026-03-22T10:30:00Z',
    requestId: 'request-1',
    messageId: 'message-1',
    isReplay: false,
    callId: 'call-1',
    agentId: 'agent-1',
  };
}

describe('defaultActionHooks', () => {
  describe('onCallCompleted', () => {
    it('writes one line with ids only', async () => {
      const logger = createCapturingLogger();
      const parsed = parseQueuedPayload(buildCallCompletedBody());
      if (parsed.kind !== 'call_completed') throw new Error('fixture did not parse');

      await defaultActionHooks.onCallCompleted(
        parsed.payload,
        buildContext(logger, 'call.completed'),
      );

      expect(logger.lines).toEqual([
        {
          level: 'info',
          message: DEFAULT_CALL_HOOK_MESSAGE,
          fields: { call_id: 'call-1' },
        },
      ]);
    });
  });

  describe('onEmployeeEvent', () => {
    it('writes one line without personal data', async () => {
      const logger = createCapturingLogger();
      const event = {
        event: 'employee.forwarding_created',
        employee: { name: 'Max Mustermann', email: 'max@example.com' },
      };

      await defaultActionHooks.onEmployeeEvent(event, buildContext(logger, event.event));

      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.message).toBe(DEFAULT_EMPLOYEE_HOOK_MESSAGE);
      expect(JSON.stringify(logger.lines)).not.toMatch(/Mustermann|example\.com/);
    });
  });
});
