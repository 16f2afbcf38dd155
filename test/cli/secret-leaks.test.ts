import fc from 'fast-check';
import { maskUrl, maskUrlsInText } from '../../cli/mask-urls';
import { runCommand } from './support/cli-harness';

const SECRET = 'Zz9SecretOnlyInTheUrl';
const LOCAL_URL = `http://127.0.0.1:9/webhooks/talkpilot?secret=${SECRET}`;

/** A fetch that fails as undici does, quoting the whole URL in its message. */
const fetchQuotingUrl: typeof fetch = (input) =>
  Promise.reject(
    new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`),
  );

/** A fetch that fails as an unreachable host does: the code sits on the cause. */
const fetchRefused: typeof fetch = (input) =>
  Promise.reject(
    new TypeError(`fetch failed for ${input}`, {
      cause: Object.assign(new Error(`connect ECONNREFUSED ${input}`), { code: 'ECONNREFUSED' }),
    }),
  );

describe('operator output', () => {
  describe('usage errors', () => {
    it('names a URL passed without --url by its position only', async () => {
      const run = await runCommand(['send-sample', LOCAL_URL]);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('Unexpected argument 1; options start with --.');
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    });

    it.each([
      [['send-sample', '--event', 'call', LOCAL_URL], 'Unexpected argument 3'],
      [['send-sample', `--url=${LOCAL_URL}`, '--local=yes'], "Option '--local' takes no value"],
      [['send-sample', `--uri=${LOCAL_URL}`], "Unknown option '--uri'"],
      [['send-sample', `--${LOCAL_URL}`], 'Unknown option at argument 1'],
      [['send-sample', '--event', LOCAL_URL], '--event must be call, employee or all.'],
      [['replay', '--call-id', 'a', '--confirm-above', SECRET], '--confirm-above must be'],
      [['send-sample', '--url', `not a url ?secret=${SECRET}`], '--url must be an absolute URL'],
    ])('keeps the secret out of the message for %j', async (argv, message) => {
      const run = await runCommand(argv);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    });

    it('names an option that lacks its value', async () => {
      const run = await runCommand(['send-sample', '--url']);

      expect(run.stderr).toContain("Option '--url' needs a value");
    });
  });

  describe('fetch failures', () => {
    it('hides a secret whose raw form differs from its decoded form', async () => {
      const url = `http://u:pw@127.0.0.1:9/webhooks/talkpilot?secret=${SECRET}+x`;

      const run = await runCommand(['send-sample', '--event', 'call', '--url', url], {
        fetch: fetchQuotingUrl,
      });

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('failed (TypeError)');
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(run.stdout + run.stderr).not.toContain('pw@');
    });

    it('reports the error name and its code only', async () => {
      const run = await runCommand(['send-sample', '--event', 'employee', '--url', LOCAL_URL], {
        fetch: fetchRefused,
      });

      expect(run.stderr).toContain(
        'POST http://127.0.0.1:9/webhooks/talkpilot?secret=*** employee.forwarding_created: ' +
          'failed (TypeError ECONNREFUSED)',
      );
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    });

    it('sends the real fetch error through the same path without the secret', async () => {
      const url = `http://u:pw@127.0.0.1:9/webhooks/talkpilot?secret=${SECRET}+x`;

      const run = await runCommand(['send-sample', '--event', 'call', '--url', url]);

      expect(run.exitCode).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    });
  });
});

describe('maskUrlsInText', () => {
  describe('queries', () => {
    it.each([
      ['see https://u:p@h/p?token=abc.', 'see https://h/p?….'],
      ['GET http://h:1/p#frag-secret', 'GET http://h:1/p?…'],
      ['POST https://h/p?secret=*** ok', 'POST https://h/p?secret=*** ok'],
      ['queue https://sqs.example/1/calls', 'queue https://sqs.example/1/calls'],
    ])('masks %s', (text, masked) => {
      expect(maskUrlsInText(text)).toBe(masked);
    });

    it('never keeps a query value that is not ***', () => {
      fc.assert(
        fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
          const masked = maskUrl(url);
          const query = /[?#](.*)$/.exec(masked)?.[1];

          return query === undefined || query === '…' || /^([a-z_-]+=\*\*\*&?)+$/i.test(query);
        }),
      );
    });
  });
});
