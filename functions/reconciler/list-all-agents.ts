import type { TalkPilotClient } from '../talkpilot/talkpilot-client';

/** Pages read before the agent list is taken as endless. */
const MAX_AGENT_PAGES = 100;

/**
 * Returns the ids of every agent the API key may see, reading all pages of `/agents`. Ids are
 * deduplicated, since offset pages can repeat an agent created during the scan.
 */
export async function listAllAgentIds(
  client: Pick<TalkPilotClient, 'listAgents'>,
  deadlineMs: number,
): Promise<string[]> {
  const ids = new Set<string>();
  for (let page = 1; page <= MAX_AGENT_PAGES; page += 1) {
    const result = await client.listAgents(page, { deadlineMs });
    for (const agent of result.items) {
      ids.add(agent.id);
    }
    const lastPage = result.pages > 0 ? result.pages : Number.POSITIVE_INFINITY;
    if (result.items.length === 0 || page >= lastPage) {
      break;
    }
  }

  return [...ids];
}
