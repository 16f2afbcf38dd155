import { createHash } from 'node:crypto';

// Work items of the serializer: text to append as is, or a value still to serialize.
type Step = { readonly text: string } | { readonly value: unknown };

/**
 * Serializes a JSON value canonically: object keys sorted by UTF-16 code unit at every level,
 * no whitespace, `undefined` properties left out and `undefined` array items written as
 * `null`. Equal payloads give equal text whatever their key order or formatting. Works with an
 * explicit stack, so a deeply nested value cannot overflow the call stack.
 */
export function toCanonicalJson(value: unknown): string {
  const output: string[] = [];
  const steps: Step[] = [{ value }];
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ('text' in step) {
      output.push(step.text);
    } else {
      output.push(...pushChildren(step.value, steps));
    }
  }

  return output.join('');
}

/** Returns the SHA-256 of a payload's canonical JSON as lowercase hex. */
export function hashCanonicalPayload(value: unknown): string {
  return createHash('sha256').update(toCanonicalJson(value)).digest('hex');
}

// Serializes a primitive at once, or pushes a container's parts in reverse so they pop in order.
function pushChildren(value: unknown, steps: Step[]): string[] {
  if (Array.isArray(value)) {
    steps.push({ text: ']' });
    for (let index = value.length - 1; index >= 0; index -= 1) {
      steps.push({ value: value[index] ?? null });
      if (index > 0) {
        steps.push({ text: ',' });
      }
    }

    return ['['];
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const names = Object.keys(object)
      .sort()
      .filter((name) => object[name] !== undefined);
    steps.push({ text: '}' });
    names.reverse().forEach((name, index) => {
      steps.push({ value: object[name] });
      steps.push({ text: `${index === names.length - 1 ? '' : ','}${JSON.stringify(name)}:` });
    });

    return ['{'];
  }

  return [JSON.stringify(value) ?? 'null'];
}
