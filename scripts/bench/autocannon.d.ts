// The part of autocannon's programmatic API the bench uses; the package ships no types.
declare module 'autocannon' {
  interface CannonRequest {
    setupRequest?: (request: Record<string, unknown>, context: object) => Record<string, unknown>;
    onResponse?: (status: number, body: string, context: object) => void;
  }
  interface CannonOptions {
    url: string;
    method?: string;
    connections?: number;
    amount?: number;
    headers?: Record<string, string>;
    requests?: CannonRequest[];
  }
  interface CannonResult {
    readonly duration: number;
    readonly '2xx': number;
  }
  export default function autocannon(
    options: CannonOptions,
    callback: (error: Error | null, result: CannonResult) => void,
  ): unknown;
}
