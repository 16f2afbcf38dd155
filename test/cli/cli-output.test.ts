import fc from 'fast-check';
import { CliOutput } from '../../cli/cli-output';
import { maskWebhookUrl } from '../../cli/webhook/webhook-url';
import { runCommand } from './support/cli-harness';

function captureOutput() {
  const lines = { stdout: '', stderr: '' };
  const output = new CliOutput({
    stdout: (text) => {
      lines.stdout += text;
    },
    stderr: (text) => {
      lines.stderr += text;
    },
  });

  return { output, lines };
}

describe('CliOutput', () => {
  describe('redaction', () => {
    it('removes a protected secret, raw or URL-encoded, from every stream', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 8 }),
          fc.string(),
          fc.string(),
          (secret, before, after) => {
            const { output, lines } = captureOutput();
            output.protect(secret);

            output.info(`${before}${secret}${after}`);
            output.error(`${before}${encodeURIComponent(secret)}${after}`);

            const redacted =
              lines.stdout.replaceAll('***', '') + lines.stderr.replaceAll('***', '');
            return !redacted.includes(secret) || `${before}${after}`.includes(secret);
          },
        ),
      );
    });

    it('writes the secret unredacted through printSecret only', () => {
      const { output, lines } = captureOutput();
      output.protect('s3cret-value');

      output.printSecret('url?secret=s3cret-value');
      output.info('url?secret=s3cret-value');

      expect(lines.stdout).toBe('url?secret=s3cret-value\nurl?secret=***\n');
    });
  });
});

describe('maskWebhookUrl', () => {
  describe('query strings', () => {
    it.each([
      ['https://h/p?secret=abc', 'https://h/p?secret=***'],
      ['https://h/p?a=1&secret=abc&b=2', 'https://h/p?…'],
      ['https://u:pw@h/p?secret=abc', 'https://h/p?secret=***'],
      ['https://h/p', 'https://h/p'],
    ])('masks %s', (url, masked) => {
      expect(maskWebhookUrl(url)).toBe(masked);
    });
  });
});

describe('runCli', () => {
  describe('command list', () => {
    it('prints the commands with --help and exits 0', async () => {
      const run = await runCommand(['--help']);

      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('webhook-url');
      expect(run.stdout).toContain('send-sample');
    });

    it('prints the commands to stderr and exits 1 without a command', async () => {
      const run = await runCommand([]);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Usage: npm run tp -- <command>');
    });

    it('rejects an unknown command', async () => {
      const run = await runCommand(['deploy']);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        'Unknown command "deploy". Run npm run tp -- --help for the list of commands.\n',
      );
    });
  });

  describe('command help', () => {
    it.each(['webhook-url', 'register', 'rotate-secret', 'redrive', 'replay', 'send-sample'])(
      'prints the usage of %s',
      async (name) => {
        const run = await runCommand([name, '--help']);

        expect(run.exitCode).toBe(0);
        expect(run.stdout).toContain(`Usage: npm run tp -- ${name}`);
      },
    );
  });
});
