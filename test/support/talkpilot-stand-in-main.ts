import { startTalkPilotStandIn } from './talkpilot-stand-in';

/**
 * Starts the TalkPilot stand-in for manual runs of `npm start`: two agents with three calls
 * each from the last two hours. Prints the variables to set; stop it with Ctrl+C.
 * Usage: `npx tsx test/support/talkpilot-stand-in-main.ts [port]` (default port 4010).
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '4010');
  const standIn = await startTalkPilotStandIn({}, port);
  const nowMs = Date.now();
  for (const agent of [standIn.addAgent(), standIn.addAgent()]) {
    for (const minutesAgo of [30, 60, 120]) {
      const call = standIn.addCall(agent.id, {
        created_at: new Date(nowMs - minutesAgo * 60_000).toISOString(),
      });
      console.log(`call ${call.id} of agent ${agent.id}`);
    }
  }
  console.log(`TALKPILOT_BASE_URL=${standIn.baseUrl}`);
  console.log(`TALKPILOT_API_KEY=${standIn.apiKey}`);
  process.on('SIGINT', () => {
    void standIn.close().then(() => process.exit(0));
  });
}

void main();
