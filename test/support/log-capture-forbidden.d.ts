/** Literal strings no log line may contain. */
export const FORBIDDEN_STRINGS: readonly { readonly label: string; readonly value: string }[];

/** Patterns no log line may match. */
export const FORBIDDEN_PATTERNS: readonly { readonly label: string; readonly pattern: RegExp }[];
