import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readIngestConfig } from '../../functions/config/ingest-config';
import { StackContextInvalidError } from '../../lib/context/context-reader';
import { readStackSettings, StackSettingsDefaults } from '../../lib/context/stack-settings';

function settingsFrom(context: Record<string, unknown>) {
  return readStackSettings(new App({ context }).node);
}

function problemsFrom(context: Record<string, unknown>): readonly string[] {
  try {
    settingsFrom(context);
  } catch (error) {
    if (error instanceof StackContextInvalidError) {
      return error.problems;
    }
    throw error;
  }

  return [];
}

describe('readStackSettings', () => {
  describe('defaults', () => {
    it('returns the documented defaults for empty context', () => {
      const settings = settingsFrom({});

      expect(settings).toMatchObject({ ...StackSettingsDefaults, allowedSourceCidrs: [] });
      expect(settings.alarmEmail).toBeUndefined();
    });
  });

  describe('cdk.json', () => {
    it('repeats the defaults of the code', () => {
      const cdkJson = JSON.parse(
        readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
      );

      const settings = settingsFrom(cdkJson.context);

      expect(settings).toEqual(settingsFrom({}));
    });
  });

  describe('values from -c flags', () => {
    it('parses numbers, booleans and lists given as strings', () => {
      const settings = settingsFrom({
        maxReceiveCount: '3',
        throwawayStage: 'true',
        allowedSourceCidrs: '192.0.2.0/24,2001:db8::/32',
        logRetentionDays: '90',
      });

      expect(settings.maxReceiveCount).toBe(3);
      expect(settings.throwawayStage).toBe(true);
      expect(settings.allowedSourceCidrs).toEqual(['192.0.2.0/24', '2001:db8::/32']);
      expect(settings.logRetentionDays).toBe(RetentionDays.THREE_MONTHS);
    });
  });

  describe('values ingest accepts', () => {
    it('accepts every source CIDR that the ingest config reads', () => {
      const cidrs = ['192.0.2.1', '198.51.100.0/24', '2001:db8::/32', '::1', '0.0.0.0/0'];

      const settings = settingsFrom({ allowedSourceCidrs: cidrs });
      const ingest = readIngestConfig({
        QUEUE_URL: 'http://127.0.0.1/queue',
        WEBHOOK_SECRET: 'local',
        ALLOWED_SOURCE_CIDRS: settings.allowedSourceCidrs.join(','),
      });

      expect(ingest.allowedSourceCidrs).toEqual(cidrs);
    });

    it('accepts a lease just below the queue visibility timeout', () => {
      const settings = settingsFrom({ leaseSeconds: 179, consumerTimeoutSeconds: 30 });

      expect(settings.leaseSeconds).toBe(179);
    });
  });

  describe('invalid values', () => {
    it('lists every invalid key in one error', () => {
      const problems = problemsFrom({
        maxReceiveCount: 'many',
        consumerMaxConcurrency: 1,
        alarmEmail: 'not-an-address',
        logRetentionDays: 31,
        allowedSourceCidrs: ['192.0.2.0/33'],
      });

      expect(problems).toEqual([
        expect.stringContaining('maxReceiveCount'),
        expect.stringContaining('consumerMaxConcurrency'),
        expect.stringContaining('alarmEmail'),
        expect.stringContaining('allowedSourceCidrs entry 192.0.2.0/33'),
        expect.stringContaining('logRetentionDays'),
      ]);
    });

    it('rejects a lease shorter than the consumer timeout', () => {
      const problems = problemsFrom({ leaseSeconds: 20, consumerTimeoutSeconds: 30 });

      expect(problems).toEqual(['leaseSeconds must be at least consumerTimeoutSeconds']);
    });

    it.each(['10.0.0.0/33', '300.1.1.1/24', '2001:db8::/129', '192.0.2.0/', 'any'])(
      'rejects the source CIDR %s that ingest rejects',
      (cidr) => {
        const problems = problemsFrom({ allowedSourceCidrs: [cidr] });

        expect(problems).toEqual([
          expect.stringContaining(`allowedSourceCidrs entry ${cidr} is not an IPv4 or IPv6`),
        ]);
      },
    );

    it('lists each invalid source CIDR when given several', () => {
      const problems = problemsFrom({ allowedSourceCidrs: '10.0.0.0/33,192.0.2.0/24,::/200' });

      expect(problems).toHaveLength(2);
    });

    it('rejects a lease as long as the queue visibility timeout', () => {
      const problems = problemsFrom({ leaseSeconds: 180, consumerTimeoutSeconds: 30 });

      expect(problems).toEqual([
        expect.stringContaining(
          'leaseSeconds (180) must be below the queue visibility timeout of 180 s',
        ),
      ]);
    });

    it('rejects a lease far beyond the queue visibility timeout', () => {
      const problems = problemsFrom({ leaseSeconds: 3600, consumerTimeoutSeconds: 30 });

      expect(problems).toEqual([expect.stringContaining('leaseSeconds (3600)')]);
    });

    it('rejects a base URL without https', () => {
      const problems = problemsFrom({ talkpilotBaseUrl: 'http://api.talkpilot.io/v1' });

      expect(problems).toEqual(['talkpilotBaseUrl must be an https:// URL']);
    });
  });
});
