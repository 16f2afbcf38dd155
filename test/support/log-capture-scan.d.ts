/** A forbidden value found in text, named by its label and a masked form. */
export interface FoundLeak {
  readonly label: string;
  readonly masked: string;
}

/** Masks a value: its first two characters and its length. */
export function maskValue(value: string): string;

/** Finds every forbidden string and pattern of log-capture-forbidden.js in `text`. */
export function findLeaks(text: string): FoundLeak[];

/** Scans the captured `.log` files of `directory`. */
export function scanCaptureDirectory(directory: string): (FoundLeak & { testFile: string })[];
