import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { readLocalConfig } from '../../local/local-config';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime';
import { WEBHOOK_SECRET_FILE } from '../../local/webhook-secret-file';
import { type CapturedLine, createCapturingLogger } from './capturing-logger';
import { waitFor } from './wait-for';

const FIXTURES = join(__dirname, '..', 'fixtures');
const CALL_ID = 'call-uuid';

describe('startLocalRuntime', () => {
  const lines: CapturedLine[] = [];
  let dataDir: string;
  let runtime: LocalRuntime;
  let callPayload: string;
  let employeePayload: string;

  async function start(): Promise<LocalRuntime> {
    const config = readLocalConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      VISIBILITY_TIMEOUT_SECONDS: '1',
    });

    return startLocalRuntime({
      config,
      env: {},
      createLogger: (service) => createCapturingLogger(service, lines),
    });
  }

  function post(body: string, url = runtime.webhookUrl): Promise<Response> {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  }

  function outcomeLines(outcome: string, callId?: string): CapturedLine[] {
    return lines.filter(
      (line) =>
        line.service === 'consumer' &&
        line.outcome === outcome &&
        (callId === undefined || line.call_id === callId),
    );
  }

  function rejectionReasons(): unknown[] {
    return lines
      .filter((line) => line.service === 'ingest' && line.message === 'webhook rejected')
      .map((line) => line.reason);
  }

  function waitForOutcome(outcome: string, count: number, callId?: string) {
    return waitFor(`${count} ${outcome} line(s)`, () =>
      outcomeLines(outcome, callId).length >= count ? true : undefined,
    );
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'talkpilot-local-'));
    callPayload = await readFile(join(FIXTURES, 'call-completed.json'), 'utf8');
    employeePayload = await readFile(join(FIXTURES, 'employee-forwarding-created.json'), 'utf8');
    runtime = await start();
  });

  afterAll(async () => {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('documented payloads', () => {
    it('processes the call.completed payload once', async () => {
      const response = await post(callPayload);
      await waitForOutcome('processed', 1, CALL_ID);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true });
      expect(outcomeLines('processed', CALL_ID)).toHaveLength(1);
      expect(outcomeLines('processed', CALL_ID)[0]).toMatchObject({
        agent_id: 'agent-uuid',
        event: 'call.completed',
        source: 'webhook',
      });
    });

    it('processes the employee.forwarding_created payload once', async () => {
      const response = await post(employeePayload);
      await waitFor('an employee outcome', () =>
        outcomeLines('processed').find((line) => line.event === 'employee.forwarding_created'),
      );

      expect(response.status).toBe(200);
      expect(
        outcomeLines('processed').filter((line) => line.event === 'employee.forwarding_created'),
      ).toHaveLength(1);
    });
  });

  describe('repeated call', () => {
    it('logs a duplicate when the same call arrives again', async () => {
      await post(callPayload);
      await waitForOutcome('processed', 1, CALL_ID);

      const response = await post(callPayload);
      await waitForOutcome('duplicate', 1, CALL_ID);

      expect(response.status).toBe(200);
      expect(outcomeLines('processed', CALL_ID)).toHaveLength(1);
    });
  });

  describe('rejected requests', () => {
    it('answers 405 with Allow: POST when the method is GET', async () => {
      const response = await fetch(runtime.webhookUrl);

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('answers 404 when the path is another one', async () => {
      const response = await fetch(`${runtime.url}/other`, { method: 'POST', body: '{}' });

      expect(response.status).toBe(404);
    });

    it('answers 401 when the secret is wrong', async () => {
      const url = new URL(runtime.webhookUrl);
      url.searchParams.set('secret', 'not-the-secret');

      const response = await post(callPayload, url.toString());

      expect(response.status).toBe(401);
      expect(rejectionReasons()).toContain('secret_invalid');
    });

    it('answers 400 when the body is not JSON', async () => {
      const response = await post('{"event": "call.completed", "call": {');

      expect(response.status).toBe(400);
      expect(rejectionReasons()).toContain('body_not_json');
    });

    it('answers 400 when a JSON body is Latin-1', async () => {
      const text = JSON.stringify({
        event: 'call.completed',
        call: { id: 'c-latin', n: 'M\u00fcller' },
      });

      const response = await fetch(runtime.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=iso-8859-1' },
        body: Buffer.from(text, 'latin1'),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'body is not valid utf-8' });
      expect(rejectionReasons()).toContain('body_not_utf8');
    });

    it('never logs the secret when handling requests', () => {
      const logged = JSON.stringify(lines, (_key, value) =>
        value instanceof Error ? value.message : value,
      );

      expect(logged).not.toContain(runtime.secret);
    });
  });

  describe('reconcile loop', () => {
    it('reports itself off when no TalkPilot API is configured', () => {
      const reconcilerLines = lines.filter((line) => line.service === 'reconciler');

      expect(reconcilerLines.map((line) => line.message)).toContain(
        ReconcilerLogMessage.notConfigured,
      );
    });
  });

  describe('restart on the same data folder', () => {
    it('keeps the secret and the ledger when started again', async () => {
      const firstSecret = runtime.secret;
      await runtime.stop();

      runtime = await start();
      const response = await post(callPayload);
      await waitForOutcome('duplicate', 2, CALL_ID);

      expect(runtime.secret).toBe(firstSecret);
      expect((await readFile(join(dataDir, WEBHOOK_SECRET_FILE), 'utf8')).trim()).toBe(firstSecret);
      expect(response.status).toBe(200);
      expect(outcomeLines('processed', CALL_ID)).toHaveLength(1);
    });
  });
});
