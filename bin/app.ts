import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackSettings } from '../lib/context/stack-settings';
import { TalkPilotWebhooksStack } from '../lib/talkpilot-webhooks-stack';

const app = new App();
const settings = readStackSettings(app.node);
new TalkPilotWebhooksStack(app, settings.stackName, { settings });
// Synthesis fails on any AwsSolutions finding that is not acknowledged next to its resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
