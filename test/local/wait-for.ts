/**
 * Polls `check` every 20 ms until it returns a value other than undefined, and returns that
 * value. Throws after `timeoutMs` (default 10 s) with `description` in the message.
 */
export async function waitFor<T>(
  description: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
}
