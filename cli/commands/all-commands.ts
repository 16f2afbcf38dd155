import type { Command } from '../command';
import { redriveCommand } from './redrive-command';
import { registerCommand } from './register-command';
import { replayCommand } from './replay-command';
import { rotateSecretCommand } from './rotate-secret-command';
import { sendSampleCommand } from './send-sample-command';
import { webhookUrlCommand } from './webhook-url-command';

/** Every subcommand, in the order of the help text. */
export const allCommands: readonly Command[] = [
  webhookUrlCommand,
  registerCommand,
  rotateSecretCommand,
  redriveCommand,
  replayCommand,
  sendSampleCommand,
];
