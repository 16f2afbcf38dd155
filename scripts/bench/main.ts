// npm run bench: measures the figures of docs/benchmarks.md and writes them to bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureAwsCalls } from './aws-calls';
import { measureBundles } from './bundles';
import { PRICES_USD } from './cost';
import { type Figure, formatFigure, round } from './figures';
import { measureLoad } from './load';
import { measureReconciler } from './reconciler';
import { measureWarmIngest } from './warm-ingest';

async function section(title: string, measure: () => Promise<Figure[]>, into: Figure[]) {
  process.stdout.write(`\n== ${title}\n`);
  const figures = await measure();
  for (const figure of figures) {
    process.stdout.write(`${formatFigure(figure)}\n`);
  }
  into.push(...figures);
}

async function main(): Promise<void> {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  process.stdout.write(`machine: ${JSON.stringify(machine)}\n`);
  const figures: Figure[] = [];
  await section('handler bundles', measureBundles, figures);
  await section('warm ingest handler', measureWarmIngest, figures);
  await section(
    'AWS calls per webhook and cost',
    async () => (await measureAwsCalls()).figures,
    figures,
  );
  await section('local pipeline under load', measureLoad, figures);
  await section('reconciler', measureReconciler, figures);

  const directory = join(__dirname, '..', '..', 'bench-results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const rounded = figures.map((figure) => ({ ...figure, value: round(figure.value, 3) }));
  writeFileSync(
    file,
    `${JSON.stringify({ machine, prices: PRICES_USD, figures: rounded }, null, 2)}\n`,
  );
  process.stdout.write(`\nwritten: ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
