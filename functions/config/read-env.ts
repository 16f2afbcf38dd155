/** Environment variables as a plain record, so tests can pass their own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Configuration that failed validation; lists every problem found, not only the first. */
export class ConfigInvalidError extends Error {
  override readonly name = 'ConfigInvalidError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Reads typed values from an environment and collects every problem, so a cold start reports
 * all missing or invalid variables in one error. Call `finish()` after the last read.
 */
export class EnvironmentReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  /** Returns the variable's value; records a problem when it is unset or empty. */
  requireString(name: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      this.problems.push(`${name} is missing`);

      return '';
    }

    return value;
  }

  /** Returns the variable's value, or `fallback` when it is unset or empty. */
  optionalString(name: string, fallback?: string): string | undefined {
    const value = this.env[name];

    return value === undefined || value === '' ? fallback : value;
  }

  /** Returns a whole number within `[min, max]`, or `fallback` when the variable is unset. */
  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }

    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problems.push(`${name} must be a whole number from ${range.min} to ${range.max}`);

      return fallback;
    }

    return value;
  }

  /** Returns `true` for `true`/`1`, `false` for `false`/`0`, or `fallback` when unset. */
  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.toLowerCase();
    if (raw === undefined || raw === '') {
      return fallback;
    }
    if (raw === 'true' || raw === '1') {
      return true;
    }
    if (raw === 'false' || raw === '0') {
      return false;
    }
    this.problems.push(`${name} must be true or false`);

    return fallback;
  }

  /** Returns a comma-separated list with blanks removed; empty when unset. */
  list(name: string): string[] {
    const raw = this.env[name] ?? '';

    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** Records a problem found by the caller's own check. */
  addProblem(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws a `ConfigInvalidError` listing every recorded problem, if there are any. */
  finish(): void {
    if (this.problems.length > 0) {
      throw new ConfigInvalidError(this.problems);
    }
  }
}
