import { createInterface } from 'node:readline/promises';

/** Asks the user a yes/no question on the terminal. */
export interface ConfirmPort {
  /** `false` when stdin is not a terminal, so nobody can answer. */
  readonly interactive: boolean;
  /** Resolves `true` when the user answers y or yes. */
  confirm(question: string): Promise<boolean>;
}

/** Creates a `ConfirmPort` on the process's stdin and stderr. */
export function createTerminalConfirm(): ConfirmPort {
  return {
    interactive: process.stdin.isTTY === true,
    async confirm(question) {
      const terminal = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await terminal.question(`${question} [y/N] `);

        return /^y(es)?$/i.test(answer.trim());
      } finally {
        terminal.close();
      }
    },
  };
}
