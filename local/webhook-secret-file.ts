import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the file under the data folder that keeps the generated webhook secret. */
export const WEBHOOK_SECRET_FILE = 'webhook-secret';

/**
 * Returns the webhook secret kept under `dataDir`, generating one on first use: 32 random
 * bytes as base64url (43 characters, safe in a query string), written with file mode 0600.
 * The same folder gives the same secret across restarts.
 */
export async function loadOrCreateWebhookSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, WEBHOOK_SECRET_FILE);
  const existing = await readSecretFile(path);
  if (existing !== undefined) {
    return existing;
  }

  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    // Another process created the file first, so use its secret; an empty file is replaced.
    const stored = await readSecretFile(path);
    if (stored !== undefined) {
      return stored;
    }
    await writeFile(path, `${secret}\n`, { mode: 0o600 });
  }

  return secret;
}

async function readSecretFile(path: string): Promise<string | undefined> {
  try {
    const secret = (await readFile(path, 'utf8')).trim();

    return secret === '' ? undefined : secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
