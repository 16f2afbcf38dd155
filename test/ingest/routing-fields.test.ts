import fc from 'fast-check';
import { IngestRejection } from '../../functions/ingest/ingest-result';
import { readRoutingFields } from '../../functions/ingest/routing-fields';

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
    ])('rejects %s', (_name, payload, reason) => {
      const fields = readRoutingFields(payload);

      expect(fields).toMatchObject({ ok: false, reason });
    });
  });

  describe('any object', () => {
    it('never throws and returns a string event when it accepts', () => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom('event', 'call', 'call_id', 'x'), fc.jsonValue()),
          (payload) => {
            const fields = readRoutingFields(payload);

            if (fields.ok) {
              expect(typeof fields.event).toBe('string');
            }
          },
        ),
      );
    });
  });
});
