import type { Command } from '../command';
import { booleanOption } from '../command';
import {
  LOCAL_OPTION_HELP,
  localOption,
  STACK_OPTIONS_HELP,
  stackOptions,
} from '../command-options';
import { readDeployedEndpoint, readLocalEndpoint } from '../webhook/webhook-endpoint';

/** `webhook-url`: prints the full webhook URL, secret included, to stdout. */
export const webhookUrlCommand: Command = {
  name: 'webhook-url',
  summary: 'print the full webhook URL, secret included',
  help: [
    'Usage: npm run tp -- webhook-url [--stack NAME] [--region REGION] [--local]',
    '',
    'Prints the full webhook URL with the secret in its query string to stdout. This is the',
    'only command that prints the secret; treat the output like a password.',
    '',
    'Options:',
    STACK_OPTIONS_HELP,
    LOCAL_OPTION_HELP,
  ].join('\n'),
  options: { ...stackOptions, ...localOption },
  async run(values, context) {
    const endpoint = booleanOption(values, 'local')
      ? await readLocalEndpoint(context)
      : await readDeployedEndpoint(context, values);

    context.output.printSecret(endpoint.url);
    if (endpoint.rotationInProgress) {
      context.output.progress(
        'A secret rotation is in progress: this URL has the new secret, and the old one stays ' +
          'valid until rotate-secret --finish.',
      );
    }
  },
};
