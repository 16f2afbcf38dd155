import { ConfigInvalidError } from '../functions/config/read-env';
import { LocalEnvName, readLocalConfig } from './local-config';
import { type LocalRuntime, startLocalRuntime } from './local-runtime';
import { LocalRuntimeError } from './local-runtime-errors';

// `npm start`: runs the webhook pipeline on this machine until SIGINT or SIGTERM.
// Human-readable lines go to stderr, so stdout holds only the handlers' JSON log lines.

const print = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = readLocalConfig(process.env);
  // A server library that fails on an event (not through a promise) would otherwise end the
  // start with a raw stack trace.
  process.on('uncaughtException', failStart);
  const runtime = await startLocalRuntime({ config });
  process.off('uncaughtException', failStart);

  print('TalkPilot webhooks are running locally.');
  print(`Webhook URL (contains the secret): ${runtime.webhookUrl}`);
  print(`Data folder: ${config.dataDir}`);
  print('Press Ctrl+C to stop. JSON log lines of the handlers follow.');
  stopOnSignals(runtime);
}

// Ctrl+C under `npm start` reaches the runtime twice, from the terminal and forwarded by npm,
// so a repeat within this time is the same key press.
const REPEATED_SIGNAL_MS = 1000;

function stopOnSignals(runtime: LocalRuntime): void {
  let stoppingSinceMs: number | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSinceMs !== undefined) {
      if (Date.now() - stoppingSinceMs < REPEATED_SIGNAL_MS) {
        return;
      }
      print(`Received ${signal} again; exiting without waiting for the work in flight.`);
      process.exit(1);
    }
    stoppingSinceMs = Date.now();
    print(
      `Received ${signal}; finishing the requests in flight, any reconcile run, and the queued ` +
        'messages. Press Ctrl+C again to exit at once; queued messages are then lost.',
    );
    runtime.stop().then(
      () => {
        print('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        print(`Stopping failed: ${describe(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A reader of the log lines that goes away (`npm start | head`) closes stdout: stop cleanly
  // instead of crashing on the unhandled EPIPE error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    stop('SIGPIPE');
  });
}

function describeStartError(error: unknown): string {
  if (error instanceof LocalRuntimeError) {
    return error.message;
  }
  if (error instanceof ConfigInvalidError) {
    return `${error.message}. Fix these environment variables and start again.`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port;
    return (
      `Port ${port} on 127.0.0.1 is already in use. Stop the other process or set ` +
      `${LocalEnvName.port} (or ${LocalEnvName.sqsPort}, ${LocalEnvName.dynamodbPort}) to a free port.`
    );
  }

  return `Starting the local runtime failed: ${describe(error)}`;
}

/** Joins the messages of an error and its causes, without stack traces. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current !== undefined && parts.length < 5; ) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    parts.push(current.message || current.name);
    current = current.cause;
  }

  return parts.join(': caused by ');
}

function failStart(error: unknown): never {
  print(describeStartError(error));
  process.exit(1);
}

main().catch(failStart);
