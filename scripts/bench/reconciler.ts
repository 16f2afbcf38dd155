import { createReconcileHarness } from '../../test/reconciler/reconcile-harness';
import { startLocalAws } from '../../test/support/local-aws';
import type { Figure } from './figures';

const SCENARIOS = [
  { agents: 1, callsPerAgent: 0, missedPerAgent: 0 },
  { agents: 5, callsPerAgent: 20, missedPerAgent: 2 },
  { agents: 20, callsPerAgent: 50, missedPerAgent: 1 },
  { agents: 3, callsPerAgent: 250, missedPerAgent: 10 },
] as const;

/** TalkPilot API requests used by one reconcile run against the stand-in. */
export async function measureReconciler(): Promise<Figure[]> {
  const aws = await startLocalAws();
  const figures: Figure[] = [];
  for (const scenario of SCENARIOS) {
    const harness = await createReconcileHarness(aws);
    const delivered: string[] = [];
    const windowStartMs = harness.time.now() - 23 * 3600_000;
    for (let agentIndex = 0; agentIndex < scenario.agents; agentIndex += 1) {
      const agent = harness.standIn.addAgent();
      for (let callIndex = 0; callIndex < scenario.callsPerAgent; callIndex += 1) {
        const createdMs = windowStartMs + callIndex * 60_000;
        const call = harness.standIn.addCall(agent.id, {
          created_at: new Date(createdMs).toISOString().replace('.000', ''),
        });
        if (callIndex >= scenario.missedPerAgent) {
          delivered.push(call.id);
        }
      }
    }
    await harness.recordCalls(delivered);
    const result = await harness.run();
    await harness.close();
    figures.push({
      name: `reconcile requests, ${scenario.agents} agents x ${scenario.callsPerAgent} calls, ${scenario.missedPerAgent} missed each`,
      value: result?.requestsUsed ?? Number.NaN,
      unit: 'requests',
    });
  }
  await aws.stop();

  return figures;
}
