import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizeTestStack } from './support/synth-stack';

/** The cfn-lint command, or undefined when neither form is installed. */
function findCfnLint(): string[] | undefined {
  const candidates = [['cfn-lint'], ['python3', '-m', 'cfnlint']];

  return candidates.find(([command, ...args]) => {
    const probe = spawnSync(command ?? '', [...args, '--version'], { encoding: 'utf8' });

    return probe.status === 0;
  });
}

const cfnLint = findCfnLint();
if (cfnLint === undefined) {
  console.warn('cfn-lint is not installed (pip install cfn-lint): the cfn-lint test is skipped.');
}
const itWithCfnLint = cfnLint === undefined ? it.skip : it;

describe('TalkPilotWebhooksStack', () => {
  describe('cfn-lint', () => {
    let folder: string;

    beforeAll(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'talkpilot-cfn-lint-'));
    });

    afterAll(() => {
      rmSync(folder, { recursive: true, force: true });
    });

    itWithCfnLint('reports no errors on the synthesized template', () => {
      const { template } = synthesizeTestStack({ alarmEmail: 'ops@example.com' });
      const templatePath = path.join(folder, 'template.json');
      writeFileSync(templatePath, JSON.stringify(template.toJSON(), null, 2));
      const [command, ...args] = cfnLint ?? [];

      const result = spawnSync(command ?? '', [...args, '--format', 'parseable', templatePath], {
        encoding: 'utf8',
      });

      // Exit status bits: 2 means errors, 4 warnings, 8 informational findings.
      const errorLines = result.stdout.split('\n').filter((line) => /:E\d+:/.test(line));
      expect(errorLines).toEqual([]);
      expect(result.status === null ? 'killed' : result.status & 2).toBe(0);
    });
  });
});
