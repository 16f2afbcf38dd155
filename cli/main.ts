import { setTimeout as delay } from 'node:timers/promises';
import { createAwsClients } from './aws/aws-clients';
import { CliOutput } from './cli-output';
import { allCommands } from './commands/all-commands';
import { createTerminalConfirm } from './confirm-port';
import { findLocalTarget } from './local/find-local-target';
import { runCli } from './run-cli';

// Entry point of the operator commands: `npx tsx cli/main.ts <command> [options]`.
const output = new CliOutput({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), allCommands, {
    output,
    env: process.env,
    createAwsClients,
    findLocalTarget: () => findLocalTarget(process.env),
    fetch,
    confirm: createTerminalConfirm(),
    now: () => new Date(),
    sleep: (milliseconds) => delay(milliseconds),
  });
}

void main();
