/** Name of the global that `log-capture-setup.js` sets while a test file runs. */
const SINK_GLOBAL = '__talkpilotLogCapture';

function expandErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }

  return value;
}

/**
 * Writes a line that a fake logger keeps in memory into the run's log capture, as JSON with
 * errors expanded, so the leak scan of the whole suite also reads what the fakes were given.
 * Does nothing when jest runs without the capture setup.
 */
export function recordFakeLogLine(level: string, message: unknown, ...fields: unknown[]): void {
  const sink = (globalThis as Record<string, unknown>)[SINK_GLOBAL];
  if (typeof sink !== 'function') {
    return;
  }
  const line = { level, message: String(message), fields };
  sink(`${JSON.stringify(line, expandErrors)}\n`);
}
