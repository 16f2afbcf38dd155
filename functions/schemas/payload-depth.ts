/**
 * Maximum nesting of arrays and objects in a queued payload, where the top-level object is
 * level 1. TalkPilot's documented samples nest at most 3 levels, and a `call_ended` transcript
 * of tool calls a few more, so the cap leaves room for new fields. It keeps recursive code
 * such as a user hook's `JSON.stringify` far from the stack limit.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/** Checks whether a parsed JSON value nests deeper than `maxDepth`, without recursion. */
export function exceedsDepth(value: unknown, maxDepth: number = MAX_PAYLOAD_DEPTH): boolean {
  const pending: { readonly value: unknown; readonly depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') {
      continue;
    }
    if (next.depth > maxDepth) {
      return true;
    }
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth: next.depth + 1 });
    }
  }

  return false;
}
