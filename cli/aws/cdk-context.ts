import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Stack name that `npx cdk deploy` uses unless the CDK context sets `stackName`. */
export const DEFAULT_STACK_NAME = 'TalkPilotWebhooks';

/** TalkPilot API base URL that the stack uses unless the CDK context sets `talkpilotBaseUrl`. */
export const DEFAULT_TALKPILOT_BASE_URL = 'https://api.talkpilot.io/v1';

/**
 * Returns a string value of the `context` object in `cdk.json` under `projectDir`, so the
 * commands find a stack deployed with a custom name. Returns `undefined` when the file or the
 * key is absent or not valid JSON.
 */
export function readCdkContextString(key: string, projectDir = process.cwd()): string | undefined {
  const value = readCdkContextValue(key, projectDir);

  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Returns a positive whole number of the `context` object in `cdk.json`, given as a number or
 * a numeric string, or `undefined` when the file or the key is absent or contains anything else.
 */
export function readCdkContextInteger(key: string, projectDir = process.cwd()): number | undefined {
  const value = Number(readCdkContextValue(key, projectDir));

  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function readCdkContextValue(key: string, projectDir: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(projectDir, 'cdk.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const context = (JSON.parse(text) as { context?: Record<string, unknown> }).context;

    return context?.[key];
  } catch {
    return undefined;
  }
}
