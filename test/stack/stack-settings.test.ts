import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
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

  describe('invalid values', () => {
    it('lists every invalid key in one error', () => {
      const problems = problemsFrom({
        maxReceiveCount: 'many',
        consumerMaxConcurrency: 1,
        alarmEmail: 'not-an-address',
        logRetentionDays: 31,
        allowedSourceCidrs: ['192.0.2.1'],
      });

      expect(problems).toEqual([
        expect.stringContaining('maxReceiveCount'),
        expect.stringContaining('consumerMaxConcurrency'),
        expect.stringContaining('alarmEmail'),
        expect.stringContaining('allowedSourceCidrs entry 192.0.2.1'),
        expect.stringContaining('logRetentionDays'),
      ]);
    });

    it('rejects a lease shorter than the consumer timeout', () => {
      const problems = problemsFrom({ leaseSeconds: 20, consumerTimeoutSeconds: 30 });

      expect(problems).toEqual(['leaseSeconds must be at least consumerTimeoutSeconds']);
    });

    it('rejects a base URL without https', () => {
      const problems = problemsFrom({ talkpilotBaseUrl: 'http://api.talkpilot.io/v1' });

      expect(problems).toEqual(['talkpilotBaseUrl must be an https:// URL']);
    });
  });
});
