import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateWebhookSecret, WEBHOOK_SECRET_FILE } from '../../local/webhook-secret-file';

describe('loadOrCreateWebhookSecret', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'talkpilot-secret-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('first start', () => {
    it('generates a URL-safe secret of 43 characters when no file exists', async () => {
      const secret = await loadOrCreateWebhookSecret(join(dataDir, 'nested'));

      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('writes the secret with mode 0600 when generating it', async () => {
      const secret = await loadOrCreateWebhookSecret(dataDir);

      const path = join(dataDir, WEBHOOK_SECRET_FILE);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await readFile(path, 'utf8')).trim()).toBe(secret);
    });
  });

  describe('later starts', () => {
    it('returns the same secret when called again', async () => {
      const first = await loadOrCreateWebhookSecret(dataDir);

      const second = await loadOrCreateWebhookSecret(dataDir);

      expect(second).toBe(first);
    });

    it('replaces an empty secret file with a new secret', async () => {
      await writeFile(join(dataDir, WEBHOOK_SECRET_FILE), '\n');

      const secret = await loadOrCreateWebhookSecret(dataDir);

      expect(secret).toHaveLength(43);
      expect(await loadOrCreateWebhookSecret(dataDir)).toBe(secret);
    });

    it('agrees on one secret when two starts race', async () => {
      const secrets = await Promise.all([
        loadOrCreateWebhookSecret(dataDir),
        loadOrCreateWebhookSecret(dataDir),
      ]);

      expect(secrets[0]).toBe(secrets[1]);
    });
  });
});
