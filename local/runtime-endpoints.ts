import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File under the data folder where a running `npm start` records its local endpoints. */
export const RUNTIME_ENDPOINTS_FILE = 'endpoints.json';

/** Endpoints of a running local runtime, for operator commands run from another shell. */
export interface RuntimeEndpoints {
  readonly sqsEndpoint: string;
  readonly dynamodbEndpoint: string;
  /** Process id of the runtime, so a reader can tell a stale file from a live runtime. */
  readonly pid: number;
}

/** Writes the endpoints file; the runtime removes it again with `removeRuntimeEndpoints`. */
export async function writeRuntimeEndpoints(
  dataDir: string,
  endpoints: RuntimeEndpoints,
): Promise<void> {
  await writeFile(join(dataDir, RUNTIME_ENDPOINTS_FILE), `${JSON.stringify(endpoints)}\n`);
}

/** Removes the endpoints file; no error when it is already gone. */
export async function removeRuntimeEndpoints(dataDir: string): Promise<void> {
  await rm(join(dataDir, RUNTIME_ENDPOINTS_FILE), { force: true });
}

/**
 * Reads the endpoints of the runtime that uses `dataDir`. Returns `undefined` when no runtime
 * wrote the file or its process is gone.
 */
export async function readRuntimeEndpoints(dataDir: string): Promise<RuntimeEndpoints | undefined> {
  let endpoints: RuntimeEndpoints;
  try {
    endpoints = JSON.parse(await readFile(join(dataDir, RUNTIME_ENDPOINTS_FILE), 'utf8'));
  } catch {
    return undefined;
  }

  return isProcessAlive(endpoints.pid) ? endpoints : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
}
