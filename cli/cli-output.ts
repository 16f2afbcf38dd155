import { maskUrlsInText } from './mask-urls';

/** Where the commands write text; tests pass capturing functions. */
export interface OutputStreams {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const MASK = '***';

/**
 * Line output of the operator commands. Every line passes through a redaction of the secrets
 * registered with `protect` and of the queries of URLs (see `maskUrlsInText`), except
 * `printSecret`, which only `webhook-url` uses.
 */
export class CliOutput {
  private readonly secrets = new Set<string>();

  constructor(private readonly streams: OutputStreams) {}

  /**
   * Registers a secret value: later output shows `***` in its place, raw or URL-encoded (with
   * `%20` or `+` for a space). Register a value read from a URL both as written and decoded.
   */
  protect(secret: string): void {
    if (secret === '') {
      return;
    }
    const encoded = encodeURIComponent(secret);
    this.secrets.add(secret);
    this.secrets.add(encoded);
    this.secrets.add(encoded.replaceAll('%20', '+'));
  }

  /** Writes a result line to stdout. */
  info(line: string): void {
    this.streams.stdout(`${this.redact(line)}\n`);
  }

  /** Writes a progress or status line to stderr, so stdout stays parseable. */
  progress(line: string): void {
    this.streams.stderr(`${this.redact(line)}\n`);
  }

  /** Writes an error line to stderr. */
  error(line: string): void {
    this.streams.stderr(`${this.redact(line)}\n`);
  }

  /** Writes a line that contains a secret to stdout, unredacted. */
  printSecret(line: string): void {
    this.streams.stdout(`${line}\n`);
  }

  /** Replaces every registered secret in `text` with `***`, then masks the URLs' queries. */
  redact(text: string): string {
    let redacted = text;
    for (const secret of this.secrets) {
      redacted = redacted.split(secret).join(MASK);
    }

    return maskUrlsInText(redacted);
  }
}
