/**
 * `npm run bench:e2e`: the whole weekly refresh (every stage the workflow has) of a generated
 * 1,000,000-line / 100,000-customer sample on the local stack, through Temporal, with an
 * in-process worker. Prints per-stage wall time (from the runs table's stage timings), the
 * total, order lines per second, the worker process's peak RSS, and the orchestration share.
 *
 * Orchestration share, defined: W = the refresh workflow's wall time (history: first event to
 * last); A = the time during which at least one activity attempt of the run was executing
 * (the union of [ActivityTaskStarted, ActivityTaskCompleted/Failed] intervals in the history).
 * Overhead = (W − A) / W: time on the critical path when no activity was working — task
 * dispatch and polling latency, workflow tasks, and gaps between stages.
 * Targets on a 2-core machine: W ≤ 60 s, overhead ≤ 10 %. Flags: --customers N --lines N --skip-generate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { StageTiming } from '../../activities/stage';
import { loadSourceConfigFile } from '../../config/load';
import { loadConfig } from '../../infra/config';
import { generateSampleData } from '../generate';
import { withLocalPipeline } from '../lib/localPipeline';
import { startRefresh } from '../lib/refresh';
import { orchestration } from './orchestration';

const flags = new Command('bench:e2e')
  .option('--customers <n>', 'customers', '100000')
  .option('--lines <n>', 'order lines', '1000000')
  .option('--skip-generate', 'reuse the sample already in .data/bench-e2e/sample')
  .parse(process.argv)
  .opts<{ customers: string; lines: string; skipGenerate?: boolean }>();

const AS_OF = '2026-11-22';
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Stage wall time: first start to last finish over the stage's steps (`extract:<source>` → extract). */
function stageWalls(timings: Record<string, StageTiming>) {
  const byStage = new Map<string, StageTiming[]>();
  for (const [step, t] of Object.entries(timings)) byStage.set(step.split(':')[0], [...(byStage.get(step.split(':')[0]) ?? []), t]);
  return [...byStage].map(([stage, ts]) => ({
    stage,
    ms: Math.max(...ts.map((t) => Date.parse(t.finishedAt))) - Math.min(...ts.map((t) => Date.parse(t.startedAt))),
    rows: ts.reduce((n, t) => n + t.rows, 0),
    steps: ts.length,
    first: Math.min(...ts.map((t) => Date.parse(t.startedAt))),
  })).sort((a, b) => a.first - b.first);
}

async function run(): Promise<void> {
  const offset = loadConfig().localPortOffset;
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '.data/bench-e2e', LOG_LEVEL: 'warn' });
  const ports = { pgPort: 54369 + offset, temporalPort: 7273 + offset, uiPort: 8273 + offset };
  await withLocalPipeline(config, ports, async ({ db, client, worker }) => {
    const sampleDir = path.join(config.dataDir, 'sample');
    const sourcesPath = path.join(sampleDir, 'sources.json');
    if (!flags.skipGenerate || !fs.existsSync(sourcesPath)) {
      console.error(`generating ${flags.customers} customers / ${flags.lines} lines…`);
      const started = Date.now();
      await generateSampleData({ seed: 42, customers: Number(flags.customers), lines: Number(flags.lines), start: '2023-11-20', end: AS_OF, outDir: sampleDir, db });
      console.error(`generated in ${seconds(Date.now() - started)}`);
    }
    const sourceConfig = loadSourceConfigFile(sourcesPath);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    const started = Date.now();
    try {
      const handle = await startRefresh(client, config, { asOf: AS_OF, sourceConfig });
      const result = await worker.runUntil(handle.result());
      const totalMs = Date.now() - started;
      const history = await handle.fetchHistory();
      const run = await db('runs').where({ run_id: result.runId }).first();
      const lines = result.extracted.filter((e) => e.entity === 'order_lines').reduce((n, e) => n + e.read, 0);
      const { wallMs, activityMs } = orchestration(history.events ?? []);

      console.log('\nstage        steps       rows     wall    rows/s');
      for (const s of stageWalls(run.stage_timings as Record<string, StageTiming>)) {
        console.log(`${s.stage.padEnd(10)} ${String(s.steps).padStart(7)} ${String(s.rows).padStart(10)} ${seconds(s.ms).padStart(8)} ${String(Math.round(s.rows / (s.ms / 1000))).padStart(9)}`);
      }
      console.log(`\nwhole refresh: ${seconds(totalMs)} from start to result (workflow history: ${seconds(wallMs)}); ${lines} order lines → ${Math.round(lines / (totalMs / 1000))} lines/s`);
      console.log(`worker process peak RSS: ${mb(peakRss)}`);
      console.log(`orchestration: activities executing ${seconds(activityMs)} of ${seconds(wallMs)} → ${seconds(wallMs - activityMs)} with no activity running = ${(100 * (wallMs - activityMs) / wallMs).toFixed(1)} % of the workflow's wall time`);
      console.log('targets: whole refresh ≤ 60 s, orchestration ≤ 10 %');
    } finally {
      clearInterval(sampler);
    }
  });
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
