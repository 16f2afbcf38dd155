import type { LoggerPort } from '../../../functions/observability/logger';
import { recordFakeLogLine } from '../../support/log-capture-sink';

/** A log line kept in memory, serialized as the Powertools logger would write its fields. */
export interface KeptLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly json: string;
}

/** A logger that keeps its lines in memory, so ten thousand webhooks do not flood the output. */
export type QuietLogger = LoggerPort & { readonly lines: KeptLine[] };

function serialize(message: string, fields: unknown): string {
  return JSON.stringify({ message, ...(fields as object) }, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message } : value,
  );
}

/** Creates a `QuietLogger`; `lines` holds every line written so far. */
export function createQuietLogger(): QuietLogger {
  const lines: KeptLine[] = [];
  const at =
    (level: KeptLine['level']) =>
    (message: unknown, fields: unknown = {}) => {
      lines.push({ level, message: String(message), json: serialize(String(message), fields) });
      recordFakeLogLine(level, message, fields);
    };

  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  } as unknown as QuietLogger;
}
