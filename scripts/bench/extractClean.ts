/**
 * `npm run bench`: extract + clean of a generated 1,000,000-line / 100,000-customer sample
 * through the real refresh workflow (local stack, in-process worker). Prints wall time,
 * rows/s and the worker's peak RSS per stage. Target on a 2-core machine: ≤ 15 s for
 * extract + clean with peak RSS ≤ 1.5 GB. Flags: --customers N --lines N.
 */
import path from 'node:path';
import { Command } from 'commander';
import { loadSourceConfigFile } from '../../config/load';
import { loadConfig } from '../../infra/config';
import type { StageTiming } from '../../activities/stage';
import { generateSampleData } from '../generate';
import { withLocalPipeline } from '../lib/localPipeline';
import { startRefresh } from '../lib/refresh';

const flags = new Command('bench')
  .option('--customers <n>', 'customers', '100000')
  .option('--lines <n>', 'order lines', '1000000')
  .parse(process.argv)
  .opts<{ customers: string; lines: string }>();

const AS_OF = '2026-11-22';
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function run(): Promise<void> {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '.data/bench', LOG_LEVEL: 'warn' });
  const rss: Array<[number, number]> = [];
  const sampler = setInterval(() => rss.push([Date.now(), process.memoryUsage().rss]), 50);
  try {
    await withLocalPipeline(config, { pgPort: 54359, temporalPort: 7263, uiPort: 8263 }, async ({ db, client, worker }) => {
      console.error(`generating ${flags.customers} customers / ${flags.lines} lines…`);
      const generated = await generateSampleData({ seed: 42, customers: Number(flags.customers), lines: Number(flags.lines), start: '2023-11-20', end: AS_OF, outDir: path.join(config.dataDir, 'sample'), db });
      const sourceConfig = loadSourceConfigFile(generated.sourcesPath);
      const started = Date.now();
      const result = await worker.runUntil(async () => (await startRefresh(client, config, { asOf: AS_OF, sourceConfig })).result());
      const wall = Date.now() - started;
      const run = await db('runs').where({ run_id: result.runId }).first();
      printStages(run.stage_timings as Record<string, StageTiming>, rss);
      console.log(`whole refresh (extract + clean, through Temporal): ${wall} ms; worker peak RSS ${mb(Math.max(...rss.map(([, r]) => r)))}`);
      console.log('targets: extract + clean of 1,000,000 lines ≤ 15,000 ms, peak RSS ≤ 1,536 MB');
    });
  } finally {
    clearInterval(sampler);
  }
}

function printStages(timings: Record<string, StageTiming>, rss: Array<[number, number]>): void {
  const peakBetween = (from: number, to: number) => Math.max(0, ...rss.filter(([t]) => t >= from && t <= to).map(([, r]) => r));
  console.log('\nstep                         rows        ms     rows/s   peak RSS');
  for (const [name, t] of Object.entries(timings).sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt))) {
    const from = Date.parse(t.startedAt);
    const to = Date.parse(t.finishedAt);
    console.log(`${name.padEnd(26)} ${String(t.rows).padStart(8)} ${String(t.ms).padStart(9)} ${String(Math.round(t.rows / (t.ms / 1000))).padStart(10)}   ${mb(peakBetween(from, to))}`);
  }
  for (const stage of ['extract', 'clean']) {
    const parts = Object.entries(timings).filter(([k]) => k.startsWith(`${stage}:`)).map(([, t]) => t);
    const from = Math.min(...parts.map((t) => Date.parse(t.startedAt)));
    const to = Math.max(...parts.map((t) => Date.parse(t.finishedAt)));
    const rows = parts.reduce((s, t) => s + t.rows, 0);
    console.log(`stage ${stage.padEnd(8)} ${rows} rows in ${to - from} ms (${Math.round(rows / ((to - from) / 1000))} rows/s), peak RSS ${mb(peakBetween(from, to))}`);
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
