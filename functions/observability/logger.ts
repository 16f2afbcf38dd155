import { Logger } from '@aws-lambda-powertools/logger';
import { CompactLogFormatter } from './compact-log-formatter';

/** The part of the Powertools logger that the cores use, so tests can pass a capturing fake. */
export type LoggerPort = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * Creates the JSON logger for one function, with the compact line format of
 * `CompactLogFormatter`. The level comes from `POWERTOOLS_LOG_LEVEL` (default `INFO`); keys in
 * log lines are snake_case by convention of this project.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, logFormatter: new CompactLogFormatter() });
}
