import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCdkContextInteger, readCdkContextString } from '../../cli/aws/cdk-context';

describe('cdk-context', () => {
  let projectDir: string;

  beforeAll(async () => {
    projectDir = await mkdtemp(join(tmpdir(), 'cdk-context-'));
    const context = {
      stackName: 'CustomStack',
      reconcileRatePerMinute: 30,
      reconcileRatePerHour: '500',
      retentionDays: -1,
    };
    await writeFile(join(projectDir, 'cdk.json'), JSON.stringify({ context }));
  });

  afterAll(async () => {
    await rm(projectDir, { recursive: true, force: true });
  });

  describe('readCdkContextInteger', () => {
    it.each([
      ['a number', 'reconcileRatePerMinute', 30],
      ['a numeric string', 'reconcileRatePerHour', 500],
      ['a negative number', 'retentionDays', undefined],
      ['a missing key', 'absent', undefined],
      ['a string that is not a number', 'stackName', undefined],
    ])('reads %s', (_name, key, expected) => {
      expect(readCdkContextInteger(key, projectDir)).toBe(expected);
    });

    it('returns undefined when cdk.json is missing', () => {
      expect(readCdkContextInteger('reconcileRatePerMinute', join(projectDir, 'none'))).toBe(
        undefined,
      );
    });
  });

  describe('readCdkContextString', () => {
    it('reads the stack name', () => {
      expect(readCdkContextString('stackName', projectDir)).toBe('CustomStack');
    });
  });
});
