import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaBundleAliases } from '../../lib/handler-function';
import { type Figure, quantile } from './figures';

const ROOT = join(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'bench-results', 'bundles');
const RUNS = 15;

/** Entries measured: the three Lambda handlers and the naive baseline. */
const ENTRIES = {
  ingest: join(ROOT, 'functions', 'ingest', 'handler.ts'),
  consumer: join(ROOT, 'functions', 'consumer', 'handler.ts'),
  reconciler: join(ROOT, 'functions', 'reconciler', 'handler.ts'),
  'naive-sqs-baseline': join(__dirname, 'naive-handler.ts'),
} as const;

/** Variables each handler reads at load, with values of the right shape; no AWS is called. */
const HANDLER_ENV: Record<string, string> = {
  AWS_REGION: 'eu-central-1',
  QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/calls',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:webhook-AbCdEf',
  LEDGER_TABLE_NAME: 'ledger',
  TALKPILOT_BASE_URL: 'https://api.talkpilot.example/v1',
  TALKPILOT_API_KEY_SECRET_ARN:
    'arn:aws:secretsmanager:eu-central-1:123456789012:secret:key-AbCdEf',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Bench',
};

// Prints the time `require` of the module takes, in milliseconds, in a fresh process.
const LOADER = `const start = process.hrtime.bigint(); require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));`;

async function bundle(
  name: string,
  entry: string,
  alias: Readonly<Record<string, string>>,
): Promise<string> {
  const outfile = join(OUT_DIR, `${name}.js`);
  // The settings of lib/handler-function.ts: minified CommonJS with the AWS SDK bundled.
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    alias: { ...alias },
    logLevel: 'silent',
  });

  return outfile;
}

function loadMs(file: string): number {
  // A clean environment: PATH and the handler's variables only, no NODE_OPTIONS or extra CAs.
  const result = spawnSync(process.execPath, ['-e', LOADER, file], {
    env: { PATH: process.env.PATH ?? '', ...HANDLER_ENV },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`loading ${file} failed: ${result.stderr.slice(0, 400)}`);
  }

  return Number(result.stdout);
}

/** Bundle sizes and the load time each bundle adds to a hello-world handler. */
export async function measureBundles(): Promise<Figure[]> {
  mkdirSync(OUT_DIR, { recursive: true });
  const hello = join(OUT_DIR, 'hello-world.js');
  writeFileSync(hello, 'exports.handler = async () => ({ statusCode: 200, body: "hello" });\n');
  const figures: Figure[] = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    // The naive baseline keeps the SDK's default credential chain, as a plain bundle has it.
    const alias = name === 'naive-sqs-baseline' ? {} : lambdaBundleAliases;
    const file = await bundle(name, entry, alias);
    const kilobytes = statSync(file).size / 1000;
    const added: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Alternating runs, so drift in the machine's load hits both sides alike.
      const helloMs = loadMs(hello);
      added.push(loadMs(file) - helloMs);
    }
    const isIngest = name === 'ingest';
    figures.push({
      name: `bundle size ${name}`,
      value: kilobytes,
      unit: 'KB',
      ...(isIngest ? { goal: '<= 350 KB', met: kilobytes <= 350 } : {}),
    });
    const medianAdded = quantile(added, 0.5);
    figures.push({
      name: `load time added ${name} (median of ${RUNS} alternating runs)`,
      value: medianAdded,
      unit: 'ms',
      ...(isIngest ? { goal: '<= +40 ms', met: medianAdded <= 40 } : {}),
    });
  }

  return figures;
}
