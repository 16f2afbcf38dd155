import { Logger } from '@aws-lambda-powertools/logger';

/** The part of the Powertools logger that the cores use, so tests can pass a capturing fake. */
export type LoggerPort = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * Creates the JSON logger for one function. The level comes from `POWERTOOLS_LOG_LEVEL`
 * (default `INFO`); keys in log lines are snake_case by convention of this project.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
