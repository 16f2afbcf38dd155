/** Options that select the deployed stack. */
export const stackOptions = {
  stack: { type: 'string' },
  region: { type: 'string' },
} as const;

/** `--local`: use the local runtime of `npm start` in place of the deployed stack. */
export const localOption = {
  local: { type: 'boolean' },
} as const;

/** Help lines for `stackOptions`. */
export const STACK_OPTIONS_HELP = [
  '  --stack NAME      CloudFormation stack name (default: TalkPilotWebhooks)',
  '  --region REGION   AWS region (default: AWS_REGION or the profile region)',
].join('\n');

/** Help line for `localOption`. */
export const LOCAL_OPTION_HELP =
  '  --local           use the local runtime of npm start, not the deployed stack';
