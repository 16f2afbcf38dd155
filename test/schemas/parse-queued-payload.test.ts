import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { EmployeeEventSchema } from '../../functions/schemas/employee-event-schema';
import { parseQueuedPayload } from '../../functions/schemas/parse-queued-payload';
import { MAX_PAYLOAD_DEPTH } from '../../functions/schemas/payload-depth';

const FIXTURES = join(__dirname, '..', 'fixtures');

function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function callCompleted(call: Record<string, unknown>): string {
  return JSON.stringify({ event: 'call.completed', call });
}

const ESSENTIALS = { id: 'call-1', agent_id: 'agent-1', created_at: '2026-03-22T10:30:00Z' };

describe('parseQueuedPayload', () => {
  describe('documented payloads', () => {
    it('accepts the documented call.completed webhook', () => {
      const parsed = parseQueuedPayload(readFixture('call-completed.json'));

      expect(parsed).toMatchObject({
        kind: 'call_completed',
        payload: { call: { id: 'call-uuid' } },
      });
    });

    it('accepts a reconciled call from the Calls API detail view', () => {
      const call = JSON.parse(readFixture('call-detail.json'));

      const parsed = parseQueuedPayload(callCompleted(call));

      expect(parsed).toMatchObject({
        kind: 'call_completed',
        payload: { call: { final_score: 8 } },
      });
    });

    it('accepts the documented employee.forwarding_created webhook', () => {
      const parsed = parseQueuedPayload(readFixture('employee-forwarding-created.json'));

      expect(parsed.kind).toBe('employee');
    });

    it('accepts a flat call_ended webhook with a transcript array', () => {
      const body = JSON.stringify({
        event: 'call_ended',
        call_id: 'lk_call_1',
        agent_id: 'agent-1',
        timestamp: '2026-03-22T10:30:00+00:00',
        transcript: [{ role: 'user', text: 'hallo' }, { type: 'tool_call_invocation' }],
        caller_phone: null,
      });

      const parsed = parseQueuedPayload(body);

      expect(parsed.kind).toBe('call_ended');
    });

    it('accepts a body with a leading byte-order mark', () => {
      const parsed = parseQueuedPayload(`\uFEFF${readFixture('call-completed.json')}`);

      expect(parsed.kind).toBe('call_completed');
    });
  });

  describe('tolerated variations', () => {
    it.each([
      ['a purged call', { is_purged: true, phone_number: null, transcript: null }],
      ['a decimal final_score', { final_score: 7.5 }],
      ['a null final_score', { final_score: null }],
      ['missing optional fields', {}],
      ['an unknown field', { sentiment: { score: 1 } }],
      ['a 300-character id', { id: 'x'.repeat(300) }],
      ['an id at the 1024-byte limit', { id: 'x'.repeat(1024) }],
      ['created_at with an hour-only offset', { created_at: '2026-03-22T10:30:00+00' }],
      ['created_at with a compact offset', { created_at: '2026-03-22T11:30:00+0100' }],
      ['created_at with a space separator', { created_at: '2026-03-22 10:30:00.123456' }],
      ['created_at in a format no parser reads', { created_at: '22.03.2026 10:30' }],
    ])('accepts %s', (_name, fields) => {
      const parsed = parseQueuedPayload(callCompleted({ ...ESSENTIALS, ...fields }));

      expect(parsed.kind).toBe('call_completed');
    });

    it('keeps unknown fields in the output', () => {
      const parsed = parseQueuedPayload(callCompleted({ ...ESSENTIALS, sentiment: 'calm' }));

      expect(parsed).toMatchObject({
        kind: 'call_completed',
        payload: { call: { sentiment: 'calm' } },
      });
    });

    it('ignores the call_started hint', () => {
      const parsed = parseQueuedPayload('{"event":"call_started","call_id":"lk_1"}');

      expect(parsed).toEqual({ kind: 'ignored', event: 'call_started' });
    });
  });

  describe('rejected payloads', () => {
    it.each([
      ['not JSON', '{"event":', 'invalid_json'],
      ['an array', '[1,2]', 'not_an_object'],
      ['JSON null', 'null', 'not_an_object'],
      ['no event', '{"call":{}}', 'missing_event'],
      ['an empty event', '{"event":""}', 'missing_event'],
      ['an unknown event', '{"event":"call.deleted"}', 'unsupported_event'],
      ['an employee event without employee', '{"event":"employee.x"}', 'invalid_employee_event'],
    ])('rejects %s', (_name, body, reason) => {
      const parsed = parseQueuedPayload(body);

      expect(parsed).toMatchObject({ kind: 'rejected', reason });
    });

    it.each([
      ['id is missing', { ...ESSENTIALS, id: undefined }, 'call.id'],
      ['id is blank', { ...ESSENTIALS, id: '  ' }, 'call.id'],
      ['id is too long', { ...ESSENTIALS, id: 'x'.repeat(1025) }, 'call.id'],
      ['id has a lone surrogate', { ...ESSENTIALS, id: 'call-\uD83D' }, 'call.id'],
      ['agent_id is missing', { ...ESSENTIALS, agent_id: undefined }, 'call.agent_id'],
      ['created_at is blank', { ...ESSENTIALS, created_at: ' ' }, 'call.created_at'],
      ['created_at is a number', { ...ESSENTIALS, created_at: 1774175400 }, 'call.created_at'],
      ['duration is text', { ...ESSENTIALS, duration: '180' }, 'call.duration'],
    ])('rejects a call whose %s', (_name, call, path) => {
      const parsed = parseQueuedPayload(callCompleted(call));

      expect(parsed).toEqual({
        kind: 'rejected',
        reason: 'invalid_call',
        event: 'call.completed',
        invalidPath: path,
      });
    });
  });

  describe('deep payloads', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

    it('rejects a payload nested past the depth cap', () => {
      const body = `{"event":"employee.x","employee":{},"extra":${nested(20_000)}}`;

      const parsed = parseQueuedPayload(body);

      expect(parsed).toEqual({ kind: 'rejected', reason: 'payload_too_deep' });
    });

    it('accepts a payload nested exactly to the depth cap', () => {
      const body = `{"event":"employee.x","employee":{},"extra":${nested(MAX_PAYLOAD_DEPTH - 1)}}`;

      const parsed = parseQueuedPayload(body);

      expect(parsed.kind).toBe('employee');
    });

    it('lets valibot validate 20000 levels without overflowing the stack', () => {
      const extra = JSON.parse(nested(20_000));

      const result = v.safeParse(EmployeeEventSchema, { event: 'employee.x', employee: {}, extra });

      expect(result.success).toBe(true);
    });
  });

  describe('__proto__ keys', () => {
    it('returns the parsed JSON with its own __proto__ key', () => {
      const body = callCompleted({ ...ESSENTIALS }).replace('"call":{', '"call":{"__proto__":7,');

      const parsed = parseQueuedPayload(body);

      expect(parsed.kind).toBe('call_completed');
      if (parsed.kind === 'call_completed') {
        expect(Object.keys(parsed.payload.call)).toEqual(['__proto__', ...Object.keys(ESSENTIALS)]);
        expect(Object.getOwnPropertyDescriptor(parsed.payload.call, '__proto__')?.value).toBe(7);
      }
    });
  });

  describe('properties', () => {
    const optionalText = fc.option(fc.string(), { nil: null });
    const generatedCall = fc.record(
      {
        id: fc.uuid(),
        agent_id: fc.uuid(),
        created_at: fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((date) => date.toISOString()),
        call_id: optionalText,
        customer_name: optionalText,
        phone_number: optionalText,
        duration: fc.option(fc.nat(), { nil: null }),
        done: fc.option(fc.boolean(), { nil: null }),
        transcript: optionalText,
        final_score: fc.option(
          fc.oneof(
            fc.integer({ min: 1, max: 10 }),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
          { nil: null },
        ),
      },
      { requiredKeys: ['id', 'agent_id', 'created_at'] },
    );

    it('accepts generated calls and keeps their unknown fields', () => {
      fc.assert(
        fc.property(
          generatedCall,
          fc.dictionary(
            fc.string({ minLength: 1 }).map((key) => `x_${key}`),
            fc.jsonValue(),
          ),
          (call, extra) => {
            const parsed = parseQueuedPayload(callCompleted({ ...call, ...extra }));

            expect(parsed.kind).toBe('call_completed');
            if (parsed.kind === 'call_completed') {
              expect(parsed.payload.call).toEqual(
                JSON.parse(callCompleted({ ...call, ...extra })).call,
              );
            }
          },
        ),
      );
    });

    it('never throws on arbitrary JSON', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(() => parseQueuedPayload(JSON.stringify(value))).not.toThrow();
        }),
      );
    });

    it('never throws on arbitrary call objects', () => {
      fc.assert(
        fc.property(
          fc.dictionary(
            fc.constantFrom('id', 'agent_id', 'created_at', 'duration', '__proto__', 'x'),
            fc.jsonValue(),
          ),
          (call) => {
            expect(() => parseQueuedPayload(callCompleted(call))).not.toThrow();
          },
        ),
      );
    });

    it('never throws on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          expect(() => parseQueuedPayload(text)).not.toThrow();
        }),
      );
    });
  });
});
