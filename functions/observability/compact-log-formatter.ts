import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Formats log lines with the standard keys `level`, `message`, `timestamp` and `service`, the
 * Lambda request id and X-Ray trace id when known, and the line's own keys. It leaves out
 * `sampling_rate` and the function's name, ARN and memory size, which CloudWatch already shows
 * by log group, because every call writes several lines and the bytes are billed.
 */
export class CompactLogFormatter extends LogFormatter {
  /** Builds the log item of one line. */
  formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const baseAttributes: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };

    return new LogItem({ attributes: baseAttributes }).addAttributes(additionalLogAttributes);
  }
}
