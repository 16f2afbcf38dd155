import type { CliContext } from './cli-context';
import { CliError } from './cli-errors';
import type { Command } from './command';
import { parseCommandArgs } from './parse-command-args';

/** Exit status of a command run: 0 on success, 1 on any failure. */
export const ExitCode = {
  success: 0,
  failure: 1,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Runs the subcommand named by `argv[0]` with the remaining arguments and returns the exit
 * status. Prints each error's message without a stack trace, redacted like all other output.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  context: CliContext,
): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printCommandList(commands, context, name === undefined);

    return name === undefined ? ExitCode.failure : ExitCode.success;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    context.output.error(
      `Unknown command "${name}". Run npm run tp -- --help for the list of commands.`,
    );

    return ExitCode.failure;
  }

  try {
    const values = parseCommandArgs(command, args);
    if (values.help === true) {
      context.output.info(command.help);

      return ExitCode.success;
    }
    await command.run(values, context);

    return ExitCode.success;
  } catch (error) {
    context.output.error(describeError(command, error));

    return ExitCode.failure;
  }
}

function describeError(command: Command, error: unknown): string {
  if (error instanceof CliError) {
    return error.message;
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);

  return `${command.name} failed: ${reason}`;
}

function printCommandList(commands: readonly Command[], context: CliContext, toStderr: boolean) {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  const lines = [
    'Usage: npm run tp -- <command> [options]   (npm run <command> -- [options])',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Run npm run tp -- <command> --help for the options of a command.',
  ];
  const text = lines.join('\n');
  if (toStderr) {
    context.output.error(text);
  } else {
    context.output.info(text);
  }
}
