import fc from 'fast-check';
import { IngestRejection } from '../../functions/ingest/ingest-result';
import { readRoutingFields } from '../../functions/ingest/routing-fields';
import { MAX_CALL_ID_LENGTH } from '../../functions/schemas/call-id';

describe('readRoutingFields', () => {
  describe('known events', () => {
    it.each([
      ['call.completed', { event: 'call.completed', call: { id: 'c-1' } }, 'c-1'],
      ['call.updated', { event: 'call.updated', call: { id: 'c-2' } }, 'c-2'],
      ['call_ended', { event: 'call_ended', call_id: 'lk-1' }, 'lk-1'],
      ['call_started', { event: 'call_started', call_id: 'lk-2' }, 'lk-2'],
    ])('returns the call id of %s', (_name, payload, callId) => {
      const fields = readRoutingFields(payload);

      expect(fields).toEqual({ ok: true, event: payload.event, callId });
    });

    it.each([
      ['callback.requested', { event: 'callback.requested' }],
      ['calls.batch_exported', { event: 'calls.batch_exported', calls: [] }],
      ['call_transferred', { event: 'call_transferred' }],
      ['call.updated', { event: 'call.updated', call: {} }],
    ])('accepts %s without a call id', (_name, payload) => {
      const fields = readRoutingFields(payload);

      expect(fields).toEqual({ ok: true, event: payload.event });
    });

    it.each([
      ['a nested call.id', { event: 'call_transferred', call: { id: 'c-3' } }, 'c-3'],
      ['a top-level call_id', { event: 'callback.requested', call_id: 'lk-3' }, 'lk-3'],
      ['both, nested first', { event: 'call.x', call: { id: 'c-4' }, call_id: 'lk-4' }, 'c-4'],
      ['a blank nested id', { event: 'call.x', call: { id: ' ' }, call_id: 'lk-5' }, 'lk-5'],
    ])('returns the call id of another event from %s', (_name, payload, callId) => {
      const fields = readRoutingFields(payload);

      expect(fields).toEqual({ ok: true, event: payload.event, callId });
    });

    it('leaves out a call id that breaks the rule on another event', () => {
      const fields = readRoutingFields({ event: 'call_transferred', call_id: 'x'.repeat(1025) });

      expect(fields).toEqual({ ok: true, event: 'call_transferred' });
    });

    it('returns no call id for an employee event', () => {
      const fields = readRoutingFields({ event: 'employee.forwarding_created' });

      expect(fields).toEqual({ ok: true, event: 'employee.forwarding_created' });
    });
  });

  describe('missing fields', () => {
    it.each([
      ['no event', {}, IngestRejection.eventMissing],
      ['empty event', { event: '' }, IngestRejection.eventMissing],
      ['event object', { event: { name: 'x' } }, IngestRejection.eventMissing],
      ['call without call', { event: 'call.completed' }, IngestRejection.callIdMissing],
      [
        'call id number',
        { event: 'call.completed', call: { id: 7 } },
        IngestRejection.callIdMissing,
      ],
      [
        'empty call id',
        { event: 'call.completed', call: { id: '' } },
        IngestRejection.callIdMissing,
      ],
      ['flat nested id', { event: 'call_ended', call: { id: 'c' } }, IngestRejection.callIdMissing],
      ['call_started without call_id', { event: 'call_started' }, IngestRejection.callIdMissing],
    ])('rejects %s', (_name, payload, reason) => {
      const fields = readRoutingFields(payload);

      expect(fields).toMatchObject({ ok: false, reason });
    });
  });

  describe('invalid call ids', () => {
    it.each([
      ['a blank call.id', { event: 'call.completed', call: { id: '   ' } }],
      ['a 1,025-character call.id', { event: 'call.completed', call: { id: 'c'.repeat(1025) } }],
      ['a blank call_id', { event: 'call_ended', call_id: '\t \n' }],
      ['a 2,000-character call_id', { event: 'call_started', call_id: 'c'.repeat(2000) }],
      ['a call_id over 1,024 UTF-8 bytes', { event: 'call_ended', call_id: '\u00fc'.repeat(513) }],
      ['a lone surrogate', { event: 'call.completed', call: { id: 'c-\uD800' } }],
    ])('rejects %s with call_id_invalid', (_name, payload) => {
      const fields = readRoutingFields(payload);

      expect(fields).toEqual({
        ok: false,
        reason: IngestRejection.callIdInvalid,
        event: payload.event,
      });
    });

    it('accepts a call.id of exactly 1,024 characters', () => {
      const callId = 'c'.repeat(1024);

      const fields = readRoutingFields({ event: 'call.completed', call: { id: callId } });

      expect(fields).toEqual({ ok: true, event: 'call.completed', callId });
    });

    it('accepts any non-blank ASCII call id of at most 1,024 characters', () => {
      fc.assert(
        fc.property(
          fc
            .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: MAX_CALL_ID_LENGTH })
            .filter((id) => id.trim() !== ''),
          (callId) => {
            const fields = readRoutingFields({ event: 'call_ended', call_id: callId });

            expect(fields).toEqual({ ok: true, event: 'call_ended', callId });
          },
        ),
      );
    });
  });

  describe('any object', () => {
    it('never throws and returns a string event when it accepts', () => {
      fc.assert(
        fc.property(
          fc.dictionary(
            fc.constantFrom('event', 'call', 'call_id', 'x'),
            fc.oneof(
              fc.constantFrom('call.completed', 'call_ended', 'callback.requested'),
              fc.jsonValue(),
            ),
          ),
          (payload) => {
            const fields = readRoutingFields(payload);

            if (fields.ok) {
              expect(typeof fields.event).toBe('string');
            } else {
              expect(['call.completed', 'call_ended', 'call_started', undefined]).toContain(
                fields.event,
              );
            }
          },
        ),
      );
    });
  });
});
