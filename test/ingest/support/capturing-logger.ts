import type { LoggerPort } from '../../../functions/observability/logger';
import type { MetricsPort } from '../../../functions/observability/metrics';
import { recordFakeLogLine } from '../../support/log-capture-sink';

/** One captured log call. */
export interface CapturedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

function serializeErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }

  return value;
}

/** Creates a logger fake that keeps every line and renders them as text to search for leaks. */
export function createCapturingLogger() {
  const lines: CapturedLine[] = [];
  const capture =
    (level: CapturedLine['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      lines.push({ level, message, fields: Object.assign({}, ...extra) });
      recordFakeLogLine(level, message, ...extra);
    };
  const logger = {
    debug: capture('debug'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
  } as unknown as LoggerPort;

  return {
    logger,
    lines,
    text: () => JSON.stringify(lines, serializeErrors),
  };
}

/** Creates a metrics fake that counts each metric name. */
export function createCountingMetrics() {
  const counts = new Map<string, number>();
  const metrics: MetricsPort = {
    addMetric: (name: string, _unit: unknown, value: number) => {
      counts.set(name, (counts.get(name) ?? 0) + value);
    },
  } as MetricsPort;

  return { metrics, count: (name: string) => counts.get(name) ?? 0 };
}
