import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context';
import { CliUsageError } from './cli-errors';

/** Parsed option values of one command, as `node:util` parseArgs returns them. */
export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** One subcommand of the operator command line. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text: usage line, description and options. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, context: CliContext): Promise<void>;
}

/** Returns a string option's value, or `undefined` when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];

  return typeof value === 'string' ? value : undefined;
}

/** Returns a boolean option's value; `false` when it was not given. */
export function booleanOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** Returns the values of a repeatable string option; empty when it was not given. */
export function listOption(values: OptionValues, name: string): readonly string[] {
  const value = values[name];

  return Array.isArray(value) ? value : [];
}

/** Returns a whole-number option's value, `fallback` when absent; rejects other text. */
export function integerOption(values: OptionValues, name: string, fallback: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new CliUsageError(`--${name} must be a whole number of 0 or more, such as 20.`);
  }

  return value;
}
