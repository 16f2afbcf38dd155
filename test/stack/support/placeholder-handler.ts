/** Stands in for a handler entry that does not exist yet, so the template tests can build. */
export async function handler(): Promise<void> {}
