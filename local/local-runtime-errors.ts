import { join } from 'node:path';
import { RUNTIME_ENDPOINTS_FILE } from './runtime-endpoints';

/**
 * Base class of the errors that stop the local runtime from starting. The message is shown
 * to the user as is, so it names what is wrong and how to fix it.
 */
export class LocalRuntimeError extends Error {
  override readonly name: string = 'LocalRuntimeError';
}

/** Another live `npm start` uses the same data folder, and keeps its dynalite files open. */
export class LocalDataDirInUseError extends LocalRuntimeError {
  override readonly name = 'LocalDataDirInUseError';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Data folder ${dataDir} is in use by npm start (pid ${pid}). ` +
        'Stop it or set DATA_DIR to another folder. ' +
        `If no npm start runs (pid ${pid} is now another program), delete ` +
        `${join(dataDir, RUNTIME_ENDPOINTS_FILE)}.`,
    );
  }
}
