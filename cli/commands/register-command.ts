import { openDeployment } from '../aws/deployment';
import type { CliContext } from '../cli-context';
import { CliPartialFailureError } from '../cli-errors';
import { booleanOption, type Command, listOption } from '../command';
import { STACK_OPTIONS_HELP, stackOptions } from '../command-options';
import { AgentAction, type AgentPlan, listAllAgents, planAgents } from '../register/agent-plan';
import { describeExistingWebhookUrl } from '../register/existing-webhook-url';
import { connectTalkPilot, type TalkPilotConnection } from '../register/talkpilot-connection';
import { callTalkPilot, describeTalkPilotFailure } from '../register/talkpilot-failure';
import { readStackEndpoint } from '../webhook/webhook-endpoint';
import { maskWebhookUrl } from '../webhook/webhook-url';

/** `register`: sets `post_call_webhook_url` on the agents of the API key. */
export const registerCommand: Command = {
  name: 'register',
  summary: 'set the webhook URL on every agent of the API key (dry run without --yes)',
  help: [
    'Usage: npm run tp -- register [--yes] [--agent ID]... [--stack NAME] [--region REGION]',
    '',
    "Sets each agent's post_call_webhook_url to the stack's webhook URL through TalkPilot's",
    'API, within its rate limits. Without --yes, only shows the change per agent.',
    'The API key comes from TALKPILOT_API_KEY or the secret of the stack output ApiKeySecretArn;',
    'the base URL from TALKPILOT_BASE_URL (default https://api.talkpilot.io/v1).',
    '',
    'Options:',
    '  --yes             apply the changes',
    '  --agent ID        change only this agent; repeat for more agents',
    STACK_OPTIONS_HELP,
  ].join('\n'),
  options: {
    ...stackOptions,
    yes: { type: 'boolean' },
    agent: { type: 'string', multiple: true },
  },
  async run(values, context) {
    const deployment = await openDeployment(context, values);
    const { url } = await readStackEndpoint(context, deployment);
    const connection = await connectTalkPilot(context, deployment);

    const agents = await callTalkPilot(connection.baseUrl, () =>
      listAllAgents(connection.client, (page, pages) =>
        context.output.progress(`Listed agents, page ${page} of ${Math.max(pages, page)}`),
      ),
    );
    const plans = planAgents(agents, listOption(values, 'agent'), url);
    for (const plan of plans) {
      context.output.info(describePlan(plan, url));
    }

    const failures = booleanOption(values, 'yes')
      ? await applyPlans(context, connection, plans, url)
      : reportDryRun(context, plans);
    if (failures > 0) {
      throw new CliPartialFailureError(`${failures} of ${plans.length} agents failed; see above.`);
    }
  },
};

function describePlan(plan: AgentPlan, newUrl: string): string {
  const label =
    plan.name === undefined ? `Agent ${plan.agentId}` : `Agent ${plan.agentId} (${plan.name})`;
  if (plan.action === AgentAction.notFound) {
    return `${label}: not found, or not visible to this API key`;
  }
  if (plan.action === AgentAction.unchanged) {
    return `${label}: already ${maskWebhookUrl(newUrl)}`;
  }
  const current =
    plan.currentUrl === undefined ? '(none)' : describeExistingWebhookUrl(plan.currentUrl);

  return `${label}: ${current} -> ${maskWebhookUrl(newUrl)}`;
}

function reportDryRun(context: CliContext, plans: readonly AgentPlan[]): number {
  const updates = plans.filter((plan) => plan.action === AgentAction.update).length;
  context.output.info(
    `Dry run: ${updates} of ${plans.length} agents would change. Run again with --yes to apply.`,
  );

  return plans.filter((plan) => plan.action === AgentAction.notFound).length;
}

async function applyPlans(
  context: CliContext,
  connection: TalkPilotConnection,
  plans: readonly AgentPlan[],
  url: string,
): Promise<number> {
  let failures = 0;
  let updated = 0;
  for (const plan of plans) {
    if (plan.action === AgentAction.notFound) {
      failures += 1;
      continue;
    }
    if (plan.action === AgentAction.unchanged) {
      continue;
    }
    try {
      await connection.client.updateAgentWebhookUrl(plan.agentId, url);
      updated += 1;
      context.output.info(`Agent ${plan.agentId}: updated`);
    } catch (error) {
      failures += 1;
      const reason = describeTalkPilotFailure(error, connection.baseUrl);
      context.output.error(`Agent ${plan.agentId}: failed, ${reason}`);
    }
  }
  context.output.info(`Updated ${updated} of ${plans.length} agents.`);

  return failures;
}
