import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { readStackSettings } from '../../lib/context/stack-settings';
import { handlerEntryPath } from '../../lib/handler-function';
import { TalkPilotWebhooksStack } from '../../lib/talkpilot-webhooks-stack';
import { handlerNames, type TemplateResource, templateTestEntries } from './support/synth-stack';

/** A bundle and the environment variables the stack gives its function. */
interface BuiltFunction {
  readonly bundlePath: string;
  readonly environment: Record<string, string>;
}

/**
 * Replaces each CloudFormation reference in a function's environment by a value of the same
 * shape, since the handlers validate their configuration when the module loads.
 */
function resolveEnvironment(variables: Record<string, unknown>): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string') {
      resolved[name] = value;
    } else if (name.endsWith('_URL')) {
      resolved[name] = 'https://sqs.eu-central-1.amazonaws.com/123456789012/test-queue';
    } else if (name.endsWith('_ARN')) {
      resolved[name] = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:test-AbCdEf';
    } else {
      resolved[name] = 'test-resource';
    }
  }

  return resolved;
}

/**
 * Loads a bundle in a new Node process: no NODE_OPTIONS and nothing from this process's
 * environment but PATH, plus the variables Lambda and the stack set for the function.
 */
function loadInCleanProcess(built: BuiltFunction) {
  const script = `const m = require(${JSON.stringify(built.bundlePath)}); if (typeof m.handler !== 'function') { throw new Error('no handler export'); }`;

  return spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', ...built.environment },
    timeout: 20_000,
  });
}

/**
 * The error lines of a child's stderr, without minified bundle source. Warnings such as the
 * AWS SDK's notice about the local Node version do not count.
 */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.length < 300 && /Error/.test(line));
}

const missing = handlerNames.filter((name) => !existsSync(handlerEntryPath(name)));
for (const name of missing) {
  console.warn(`functions/${name}/handler.ts does not exist yet: its bundle-load test is skipped.`);
}

describe('handler bundles', () => {
  let outdir: string;
  const builtFunctions = new Map<string, BuiltFunction>();

  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'talkpilot-bundles-'));
    // Bundling runs the local esbuild with the stack's real options.
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const settings = readStackSettings(app.node);
    const stack = new TalkPilotWebhooksStack(app, settings.stackName, {
      settings,
      entries: templateTestEntries(),
    });
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template;
    for (const resource of Object.values<TemplateResource>(template.Resources)) {
      if (resource.Type === 'AWS::Lambda::Function') {
        const variables = resource.Properties.Environment.Variables;
        builtFunctions.set(variables.POWERTOOLS_SERVICE_NAME, {
          bundlePath: path.join(outdir, resource.Metadata['aws:asset:path'], 'index.js'),
          environment: resolveEnvironment(variables),
        });
      }
    }
  }, 120_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  describe.each(handlerNames)('%s', (name) => {
    const itWhenPresent = missing.includes(name) ? it.skip : it;

    itWhenPresent('loads in a clean Node process and exports handler', () => {
      const built = builtFunctions.get(name);
      if (built === undefined) {
        throw new Error(`the synthesized template has no ${name} function`);
      }

      const result = loadInCleanProcess(built);

      expect(errorLines(result.stderr)).toEqual([]);
      expect(result.status).toBe(0);
    });
  });
});
