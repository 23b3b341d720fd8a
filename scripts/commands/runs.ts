/** `runs list` and `runs show RUN_ID`: the run model as stored in PostgreSQL. */
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { loadConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { resolveEndpoints } from '../../infra/stack';
import type { StageTiming } from '../../activities/runs';

export async function withDb<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
  const endpoints = await resolveEndpoints(loadConfig());
  const db = createDb(endpoints.databaseUrl, 2);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export interface RunDetail {
  run: Record<string, unknown>;
  dataQuality: Array<{ entity: string; source: string; rule: string; action: string; rows: number }>;
  quarantineSample: Array<{ entity: string; source: string; row_no: number; reason: string; detail: string }>;
  segments: Array<{ segment: string; customers: number; revenue_share: number }>;
}

export async function runDetail(db: Knex, runId: string): Promise<RunDetail | undefined> {
  const run = await db('runs').where({ run_id: runId }).first();
  if (!run) return undefined;
  delete run.source_config;
  const dataQuality = await db('dq_summary').where({ run_id: runId }).select('entity', 'source', 'rule', 'action', db.raw('rows::int AS rows')).orderBy(['entity', 'source', 'rule']);
  const quarantineSample = await db('quarantine').where({ run_id: runId }).select('entity', 'source', 'row_no', 'reason', 'detail').orderBy(['entity', 'source', 'row_no']).limit(10);
  const segments = await db('segment_summary').where({ run_id: runId }).select('segment', 'customers', 'revenue_share').orderBy('customers', 'desc');
  return { run, dataQuality, quarantineSample, segments };
}

export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('look at pipeline runs');
  runs
    .command('list')
    .description('recent runs with status and stage')
    .option('--limit <n>', 'how many', '20')
    .action(async (opts: { limit: string }) => {
      const rows = await withDb((db) =>
        db('runs').select('run_id', 'as_of', 'status', 'current_stage', 'attempt', 'started_at', 'finished_at').orderBy('as_of', 'desc').limit(Number(opts.limit)));
      console.table(rows);
    });
  runs
    .command('show <runId>')
    .description('one run: status, timings, per-source counts, data quality, quarantine sample')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const detail = await withDb((db) => runDetail(db, runId));
      if (!detail) throw new Error(`run ${runId} not found (see \`runs list\`)`);
      if (opts.json) {
        console.log(JSON.stringify(detail, null, 2));
        return;
      }
      const { run } = detail;
      console.log(`${String(run.run_id)}  as of ${String(run.as_of)}  ${String(run.status)}  attempt ${String(run.attempt)}${run.error ? `\nerror: ${String(run.error)}` : ''}`);
      console.log('\nper source:');
      console.table(run.source_counts);
      console.log('stage timings (ms):');
      const timings = Object.entries(run.stage_timings as Record<string, StageTiming>).sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt));
      console.table(Object.fromEntries(timings.map(([step, t]) => [step, { ms: t.ms, rows: t.rows }])));
      console.log('data quality:');
      console.table(detail.dataQuality);
      if (detail.segments.length > 0) {
        console.log('RFM segments:');
        console.table(detail.segments);
      }
    });
}
