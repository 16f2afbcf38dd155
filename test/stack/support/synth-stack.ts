import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readStackSettings } from '../../../lib/context/stack-settings';
import { type HandlerName, handlerEntryPath } from '../../../lib/handler-function';
import { TalkPilotWebhooksStack } from '../../../lib/talkpilot-webhooks-stack';

/** Names of the three handlers whose entries the stack bundles. */
export const handlerNames: readonly HandlerName[] = ['ingest', 'consumer', 'reconciler'];

const placeholderEntry = path.join(__dirname, 'placeholder-handler.ts');

/**
 * Entries for the template tests: the real handler where it exists, else a placeholder, since
 * NodejsFunction requires an existing entry file even when bundling is skipped.
 */
export function templateTestEntries(): Record<HandlerName, string> {
  const entries = {} as Record<HandlerName, string>;
  for (const name of handlerNames) {
    const entry = handlerEntryPath(name);
    entries[name] = existsSync(entry) ? entry : placeholderEntry;
  }

  return entries;
}

/** A synthesized test stack, with bundling skipped. */
export interface SynthesizedStack {
  readonly app: App;
  readonly stack: TalkPilotWebhooksStack;
  readonly template: Template;
}

/** Builds the stack from `context` (on top of the defaults) with bundling skipped. */
export function buildTestStack(context: Record<string, unknown> = {}): {
  app: App;
  stack: TalkPilotWebhooksStack;
} {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const settings = readStackSettings(app.node);
  const stack = new TalkPilotWebhooksStack(app, settings.stackName, {
    settings,
    entries: templateTestEntries(),
  });

  return { app, stack };
}

/** Builds and synthesizes the stack once; call it from `beforeAll`. */
export function synthesizeTestStack(context: Record<string, unknown> = {}): SynthesizedStack {
  const { app, stack } = buildTestStack(context);

  return { app, stack, template: Template.fromStack(stack) };
}

/** One resource of a synthesized template, as `Template.findResources` returns it. */
export type TemplateResource = ReturnType<Template['findResources']>[string];
