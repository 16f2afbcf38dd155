/** Result of sending webhooks: the bodies answered with each status. */
export interface SendReport {
  readonly statusCounts: Map<number, number>;
  /** Bodies answered with a status other than 200, in order of their answers. */
  readonly notAccepted: { readonly body: string; readonly status: number }[];
}

/** Posts every body to `url` with `concurrency` requests in flight at a time. */
export async function sendWebhooks(
  url: string,
  bodies: readonly string[],
  concurrency: number,
): Promise<SendReport> {
  const report: SendReport = { statusCounts: new Map(), notAccepted: [] };
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next] as string;
      next += 1;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      report.statusCounts.set(response.status, (report.statusCounts.get(response.status) ?? 0) + 1);
      if (response.status !== 200) {
        report.notAccepted.push({ body, status: response.status });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return report;
}

/**
 * Returns `distinct` call ids and a delivery order in which `duplicates` of them come again,
 * spread through the run, shuffled by a fixed seed so every run sends the same order.
 */
export function planDeliveries(
  distinct: number,
  duplicates: number,
  prefix: string,
): { callIds: string[]; deliveries: string[] } {
  const random = seededRandom(6);
  const callIds = Array.from({ length: distinct }, (_, index) => `${prefix}-${index}`);
  const deliveries = [...callIds];
  for (let index = 0; index < duplicates; index += 1) {
    deliveries.push(callIds[Math.floor(random() * distinct)] as string);
  }
  for (let index = deliveries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [deliveries[index], deliveries[other]] = [
      deliveries[other] as string,
      deliveries[index] as string,
    ];
  }

  return { callIds, deliveries };
}

/** A small deterministic generator (mulberry32) for fault and delivery plans. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);

    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
