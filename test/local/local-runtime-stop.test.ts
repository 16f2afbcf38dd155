import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Environment } from '../../functions/config/read-env';
import { ReconcilerLogMessage } from '../../functions/reconciler/reconciler-log';
import { readLocalConfig } from '../../local/local-config';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime';
import { LocalDataDirInUseError } from '../../local/local-runtime-errors';
import { startTalkPilotStandIn } from '../support/talkpilot-stand-in';
import { type CapturedLine, createCapturingLogger } from './capturing-logger';
import { waitFor } from './wait-for';

jest.setTimeout(30_000);

describe('startLocalRuntime stop and restart', () => {
  let dataDir: string;
  let lines: CapturedLine[];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'talkpilot-local-stop-'));
    lines = [];
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function start(env: Environment = {}): Promise<LocalRuntime> {
    return startLocalRuntime({
      config: readLocalConfig({ PORT: '0', DATA_DIR: dataDir }),
      env,
      createLogger: (service) => createCapturingLogger(service, lines),
    });
  }

  function post(runtime: LocalRuntime, callId: string): Promise<number> {
    const body = JSON.stringify({
      event: 'call.completed',
      call: { id: callId, agent_id: 'agent-1', created_at: '2026-03-22T10:30:00Z' },
    });

    return fetch(runtime.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).then((response) => response.status);
  }

  /** Number of `processed` consumer lines per call id. */
  function processedCounts(): Map<unknown, number> {
    const counts = new Map<unknown, number>();
    for (const line of lines) {
      if (line.service === 'consumer' && line.outcome === 'processed') {
        counts.set(line.call_id, (counts.get(line.call_id) ?? 0) + 1);
      }
    }

    return counts;
  }

  describe('webhooks queued at stop', () => {
    it('processes every accepted webhook once when stopped at once and started again', async () => {
      const callIds = Array.from({ length: 40 }, () => randomUUID());
      let runtime = await start();
      const statuses = await Promise.all(callIds.map((callId) => post(runtime, callId)));

      await runtime.stop();
      runtime = await start();
      await runtime.stop();

      expect(statuses.every((status) => status === 200)).toBe(true);
      const counts = processedCounts();
      expect(callIds.filter((callId) => counts.get(callId) !== 1)).toEqual([]);
      expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
    });
  });

  describe('reconciled calls queued at stop', () => {
    it('processes every call the first reconcile queued when stopped during that run', async () => {
      const standIn = await startTalkPilotStandIn({ rateLimits: false });
      const agent = standIn.addAgent();
      const createdAt = new Date(Date.now() - 2 * 3600_000).toISOString();
      const callIds = Array.from(
        { length: 25 },
        () => standIn.addCall(agent.id, { created_at: createdAt, duration: 60 }).id,
      );
      const env = { TALKPILOT_BASE_URL: standIn.baseUrl, TALKPILOT_API_KEY: standIn.apiKey };
      const runtime = await start(env);

      await runtime.stop();
      await standIn.close();

      const counts = processedCounts();
      expect(lines.map((line) => line.message)).toContain(ReconcilerLogMessage.agentSummary);
      expect(callIds.filter((callId) => counts.get(callId) !== 1)).toEqual([]);
    });
  });

  describe('data folder in use', () => {
    it('rejects a second runtime on the same folder', async () => {
      const first = await start();

      const second = start();

      await expect(second).rejects.toThrow(LocalDataDirInUseError);
      await expect(second).rejects.toThrow(
        `Data folder ${dataDir} is in use by npm start (pid ${process.pid}). ` +
          'Stop it or set DATA_DIR to another folder.',
      );
      const callId = randomUUID();
      expect(await post(first, callId)).toBe(200);
      await waitFor('the call processed', () => processedCounts().get(callId));
      await first.stop();
    });

    it('starts again on the folder when the first runtime has stopped', async () => {
      const first = await start();
      await first.stop();

      const again = await start();
      await again.stop();

      expect(again.tableName).toBe(first.tableName);
    });
  });
});
