import type { LoggerPort } from '../../functions/observability/logger';
import { recordFakeLogLine } from '../support/log-capture-sink';

/** One call to a capturing logger: level, message and the merged attributes. */
export interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly [key: string]: unknown;
}

/** A logger that records each call in `lines` instead of printing it. */
export interface CapturingLogger extends LoggerPort {
  readonly lines: CapturedLine[];
}

/**
 * Creates a logger for tests that keeps every line in `lines`, with `service` added when
 * given. Loggers that share one `lines` array show the lines of all services in order.
 */
export function createCapturingLogger(
  service?: string,
  lines: CapturedLine[] = [],
): CapturingLogger {
  const record =
    (level: CapturedLine['level']) =>
    (message: unknown, ...extra: unknown[]): void => {
      recordFakeLogLine(level, message, ...extra);
      const attributes = Object.assign({}, ...extra.map(toAttributes));
      lines.push({
        ...attributes,
        level,
        message: String(message),
        ...(service ? { service } : {}),
      });
    };

  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  } as CapturingLogger;
}

function toAttributes(value: unknown): Record<string, unknown> {
  if (value instanceof Error) {
    return { error: value };
  }

  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
