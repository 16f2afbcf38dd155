import type { CliContext } from '../cli-context';
import { CliPartialFailureError, CliUsageError } from '../cli-errors';
import { booleanOption, type Command, type OptionValues, stringOption } from '../command';
import { localOption, STACK_OPTIONS_HELP, stackOptions } from '../command-options';
import { buildSamplePayloads, SampleEvent, type SamplePayload } from '../samples/sample-payloads';
import { readDeployedEndpoint, readLocalEndpoint } from '../webhook/webhook-endpoint';
import { maskWebhookUrl, rawSecretParameter, SECRET_QUERY_PARAMETER } from '../webhook/webhook-url';

/** `send-sample`: POSTs the documented sample payloads to a webhook URL. */
export const sendSampleCommand: Command = {
  name: 'send-sample',
  summary: 'POST the documented sample payloads to a webhook URL (local by default)',
  help: [
    'Usage: npm run tp -- send-sample [--local | --url URL | --deployed] [--event call|employee|all]',
    '                                 [--fixed-id]',
    '',
    "Sends TalkPilot's documented sample payloads (call.completed, employee.forwarding_created)",
    'to a webhook URL and prints the response status of each request. The default URL is the',
    'local runtime of npm start, with its secret.',
    '',
    'Options:',
    '  --local           send to the local runtime of npm start (the default)',
    '  --url URL         send to this URL (include ?secret=... yourself)',
    '  --deployed        send to the deployed stack, with its current secret',
    '  --event NAME      call, employee or all (default: all)',
    '  --fixed-id        keep the documented call.id, so a second run is a duplicate; by',
    '                    default each call sample gets a random call.id',
    STACK_OPTIONS_HELP,
  ].join('\n'),
  options: {
    ...stackOptions,
    ...localOption,
    url: { type: 'string' },
    deployed: { type: 'boolean' },
    event: { type: 'string' },
    'fixed-id': { type: 'boolean' },
  },
  async run(values, context) {
    const event = parseSampleEvent(stringOption(values, 'event'));
    const url = await resolveTargetUrl(context, values);
    const payloads = buildSamplePayloads(event, booleanOption(values, 'fixed-id'));

    let failures = 0;
    for (const payload of payloads) {
      const succeeded = await postSample(context, url, payload);
      failures += succeeded ? 0 : 1;
    }
    if (failures > 0) {
      throw new CliPartialFailureError(
        `${failures} of ${payloads.length} sample requests failed; see the lines above.`,
      );
    }
  },
};

function parseSampleEvent(raw: string | undefined): SampleEvent {
  const event = raw ?? SampleEvent.all;
  if (!Object.values<string>(SampleEvent).includes(event)) {
    throw new CliUsageError('--event must be call, employee or all.');
  }

  return event as SampleEvent;
}

async function resolveTargetUrl(context: CliContext, values: OptionValues): Promise<string> {
  const url = stringOption(values, 'url');
  const targets = [
    url !== undefined,
    booleanOption(values, 'deployed'),
    booleanOption(values, 'local'),
  ];
  if (targets.filter(Boolean).length > 1) {
    throw new CliUsageError('Pass only one of --local, --url and --deployed.');
  }
  if (url !== undefined) {
    protectQuerySecret(context, url);

    return url;
  }
  const endpoint = booleanOption(values, 'deployed')
    ? await readDeployedEndpoint(context, values)
    : await readLocalEndpoint(context);

  return endpoint.url;
}

// Registers the secret both as written in the URL and decoded, since a message may quote
// either form. The URL itself is never quoted back: it may be malformed around the secret.
function protectQuerySecret(context: CliContext, url: string): void {
  const raw = rawSecretParameter(url);
  context.output.protect(raw ?? '');
  try {
    context.output.protect(new URL(url).searchParams.get(SECRET_QUERY_PARAMETER) ?? '');
  } catch {
    throw new CliUsageError(
      '--url must be an absolute URL such as https://host/webhooks/talkpilot?secret=....',
    );
  }
}

async function postSample(context: CliContext, url: string, payload: SamplePayload) {
  const label =
    payload.callId === undefined ? payload.event : `${payload.event} call.id=${payload.callId}`;
  const target = maskWebhookUrl(url);
  try {
    const response = await context.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload.body,
    });
    await response.arrayBuffer();
    const line = `POST ${target} ${label}: ${response.status} ${response.statusText}`;
    context.output.info(line);

    return response.ok;
  } catch (error) {
    const reason = describeFetchError(error);
    context.output.error(`POST ${target} ${label}: failed (${reason}). Is the endpoint running?`);

    return false;
  }
}

/** A system error code such as `ECONNREFUSED`; anything else is not shown. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

// Names the error and its code only: fetch's messages may quote the URL with its secret.
function describeFetchError(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;

  return typeof code === 'string' && ERROR_CODE.test(code) ? `${name} ${code}` : name;
}
