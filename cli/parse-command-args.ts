import { parseArgs } from 'node:util';
import { CliUsageError } from './cli-errors';
import type { Command, OptionValues } from './command';

/** Codes of the errors that `node:util` parseArgs throws. */
const ParseArgsErrorCode = {
  unexpectedPositional: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
  unknownOption: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  invalidOptionValue: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
} as const;

/** Option names that are safe to repeat in a message: letters, digits and dashes. */
const PRINTABLE_OPTION_NAME = /^--?[a-z][a-z0-9-]{0,39}$/i;

/**
 * Parses the arguments of `command` strictly. A usage error names the argument by its position
 * or the option by its name, never by its value: a value given without its option, such as a
 * webhook URL, may carry a secret.
 */
export function parseCommandArgs(command: Command, args: readonly string[]): OptionValues {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const reason = describeParseError(error, args, options);
    throw new CliUsageError(`${reason} Run npm run tp -- ${command.name} --help for its options.`, {
      cause: error,
    });
  }
}

function describeParseError(
  error: unknown,
  args: readonly string[],
  options: Command['options'],
): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const { tokens } = parseArgs({ args: [...args], options, strict: false, tokens: true });
  if (code === ParseArgsErrorCode.unexpectedPositional) {
    const position = (tokens.find((token) => token.kind === 'positional')?.index ?? 0) + 1;

    return `Unexpected argument ${position}; options start with --.`;
  }
  if (code === ParseArgsErrorCode.unknownOption) {
    const token = tokens.find(
      (item) => item.kind === 'option' && !Object.hasOwn(options, item.name),
    );

    return `Unknown option ${describeOption(token)}.`;
  }
  if (code === ParseArgsErrorCode.invalidOptionValue) {
    return describeInvalidValue(tokens, options);
  }

  return 'The arguments could not be read.';
}

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

function describeInvalidValue(tokens: readonly Token[], options: Command['options']): string {
  for (const token of tokens) {
    if (token.kind !== 'option') {
      continue;
    }
    const type = options[token.name]?.type;
    const value = token.value;
    if (type === 'boolean' && value !== undefined) {
      return `Option ${describeOption(token)} takes no value.`;
    }
    if (
      type === 'string' &&
      (value === undefined || (!token.inlineValue && value.startsWith('-')))
    ) {
      return `Option ${describeOption(token)} needs a value (write ${token.rawName}=VALUE for a value that starts with -).`;
    }
  }

  return 'An option is missing its value, or a flag was given one.';
}

function describeOption(token: Token | undefined): string {
  if (token?.kind === 'option' && PRINTABLE_OPTION_NAME.test(token.rawName)) {
    return `'${token.rawName}'`;
  }

  return `at argument ${(token?.index ?? 0) + 1}`;
}
