import { ConfigInvalidError } from '../functions/config/read-env';
import { LocalEnvName, readLocalConfig } from './local-config';
import { type LocalRuntime, startLocalRuntime } from './local-runtime';

// `npm start`: runs the webhook pipeline on this machine until SIGINT or SIGTERM.
// Human-readable lines go to stderr, so stdout holds only the handlers' JSON log lines.

const print = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = readLocalConfig(process.env);
  const runtime = await startLocalRuntime({ config });

  print('TalkPilot webhooks are running locally.');
  print(`Webhook URL (contains the secret): ${runtime.webhookUrl}`);
  print(`Data folder: ${config.dataDir}`);
  print('Press Ctrl+C to stop. JSON log lines of the handlers follow.');
  stopOnSignals(runtime);
}

function stopOnSignals(runtime: LocalRuntime): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      print(`Received ${signal} again; exiting without waiting for the work in flight.`);
      process.exit(1);
    }
    stopping = true;
    print(`Received ${signal}; finishing the requests and batches in flight.`);
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

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().catch((error: unknown) => {
  print(describeStartError(error));
  process.exit(1);
});
