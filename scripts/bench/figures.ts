/** One measured figure, printed with its unit and written to the JSON results. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The figure's goal as text, when it has one. */
  readonly goal?: string;
  readonly met?: boolean;
  readonly note?: string;
}

/** Returns the `fraction` quantile (0 to 1) of `values`, nearest rank. */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));

  return sorted[index] ?? Number.NaN;
}

/** Rounds to `digits` decimals for printing and JSON. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;

  return Math.round(value * factor) / factor;
}

/** Formats a figure as one line of output. */
export function formatFigure(figure: Figure): string {
  const goal =
    figure.goal === undefined ? '' : `  (goal ${figure.goal}: ${figure.met ? 'met' : 'NOT met'})`;
  const note = figure.note === undefined ? '' : `  [${figure.note}]`;

  return `${figure.name}: ${round(figure.value, 3)} ${figure.unit}${goal}${note}`;
}
