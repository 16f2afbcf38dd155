import type { TalkPilotClient } from '../../functions/talkpilot/talkpilot-client';
import type { ApiRecord } from '../../functions/talkpilot/talkpilot-records';

/** What `register` does to one agent. */
export const AgentAction = {
  update: 'update',
  unchanged: 'unchanged',
  notFound: 'not_found',
} as const;

export type AgentAction = (typeof AgentAction)[keyof typeof AgentAction];

/** One agent's planned change of `post_call_webhook_url`. */
export interface AgentPlan {
  readonly agentId: string;
  readonly name?: string;
  /** The agent's URL now; `undefined` when it has none or was not found. */
  readonly currentUrl?: string;
  readonly action: AgentAction;
}

/** Reads every page of the agents that the API key may see; reports each page read. */
export async function listAllAgents(
  client: TalkPilotClient,
  onPage: (page: number, pages: number) => void,
): Promise<ApiRecord[]> {
  const agents: ApiRecord[] = [];
  for (let page = 1; ; page += 1) {
    const result = await client.listAgents(page);
    agents.push(...result.items);
    onPage(page, result.pages);
    if (result.items.length === 0 || page >= result.pages) {
      return agents;
    }
  }
}

/**
 * Plans the change for each agent: all agents of the key, or only `agentIds` when given, in
 * which case an id that the key does not see is planned as `not_found`.
 */
export function planAgents(
  agents: readonly ApiRecord[],
  agentIds: readonly string[],
  newUrl: string,
): AgentPlan[] {
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const ids = agentIds.length > 0 ? [...new Set(agentIds)] : [...byId.keys()];

  return ids.map((agentId) => {
    const agent = byId.get(agentId);
    if (agent === undefined) {
      return { agentId, action: AgentAction.notFound };
    }
    const currentUrl = readString(agent.post_call_webhook_url);
    const action = currentUrl === newUrl ? AgentAction.unchanged : AgentAction.update;

    return { agentId, name: readString(agent.name), currentUrl, action };
  });
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
