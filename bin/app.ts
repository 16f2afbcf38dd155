import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StackContextInvalidError } from '../lib/context/context-reader';
import { readStackSettings } from '../lib/context/stack-settings';
import { TalkPilotWebhooksStack } from '../lib/talkpilot-webhooks-stack';

const app = new App();
try {
  const settings = readStackSettings(app.node);
  new TalkPilotWebhooksStack(app, settings.stackName, { settings });
} catch (error) {
  // Invalid context is a user error: print the list of problems, not a stack trace.
  if (error instanceof StackContextInvalidError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
// Synthesis fails on any AwsSolutions finding that is not acknowledged next to its resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
