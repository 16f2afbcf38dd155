import type { Node } from 'constructs';

/** CDK context that failed validation; lists every problem found, not only the first. */
export class StackContextInvalidError extends Error {
  override readonly name = 'StackContextInvalidError';

  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid CDK context: ${problems.join('; ')}. Fix the values in cdk.json or in the -c flags.`,
    );
  }
}

/**
 * Reads typed values from CDK context and collects every problem, so one synth reports all
 * invalid keys in one error. Values given with `-c key=value` arrive as strings and values in
 * cdk.json keep their JSON type; both forms are accepted. Call `finish()` after the last read.
 */
export class ContextReader {
  private readonly problems: string[] = [];

  constructor(private readonly node: Node) {}

  /** Returns the key's string value, or `fallback` when the key is unset or empty. */
  optionalString(key: string, fallback?: string): string | undefined {
    const raw = this.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') {
      return fallback;
    }
    if (typeof raw !== 'string') {
      this.problems.push(`${key} must be a string`);

      return fallback;
    }

    return raw;
  }

  /** Returns a whole number within `[min, max]`, or `fallback` when the key is unset. */
  integer(key: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') {
      return fallback;
    }

    const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problems.push(`${key} must be a whole number from ${range.min} to ${range.max}`);

      return fallback;
    }

    return value;
  }

  /** Returns `true` for `true`/"true", `false` for `false`/"false", or `fallback` when unset. */
  boolean(key: string, fallback: boolean): boolean {
    const raw = this.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') {
      return fallback;
    }
    if (raw === true || raw === 'true') {
      return true;
    }
    if (raw === false || raw === 'false') {
      return false;
    }
    this.problems.push(`${key} must be true or false`);

    return fallback;
  }

  /** Returns a list from a JSON array of strings or a comma-separated string; empty when unset. */
  list(key: string): string[] {
    const raw = this.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') {
      return [];
    }
    if (typeof raw === 'string') {
      return splitList(raw);
    }
    if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) {
      return raw.map((item) => item.trim()).filter((item) => item !== '');
    }
    this.problems.push(`${key} must be a list of strings or a comma-separated string`);

    return [];
  }

  /** Records a problem found by a check that spans several keys. */
  addProblem(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws `StackContextInvalidError` listing every problem recorded so far. */
  finish(): void {
    if (this.problems.length > 0) {
      throw new StackContextInvalidError(this.problems);
    }
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
