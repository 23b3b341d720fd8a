/** `runs list` and `runs show RUN_ID`: the run model as stored in PostgreSQL. */
import type { Command } from 'commander';
import { MAX_LIST_ROWS } from '../../config/limits';
import { integerIn } from '../lib/cliArgs';
import type { Knex } from 'knex';
import { loadConfig } from '../../infra/config';
import { createDb } from '../../infra/postgres';
import { withDatabase } from '../../infra/stack';
import type { StageTiming } from '../../activities/stage';
import { valueSummary, type ValueSummary } from '../lib/valueSummary';

/** Runs `fn` on the pipeline's database, starting the embedded one when no stack runs (infra/stack.ts withDatabase). */
export async function withDb<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
  return withDatabase(loadConfig(), async (databaseUrl) => {
    const db = createDb(databaseUrl, 2);
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  });
}

export interface RunDetail {
  run: Record<string, unknown>;
  dataQuality: Array<{ entity: string; source: string; rule: string; action: string; rows: number }>;
  quarantineSample: Array<{ entity: string; source: string; row_no: number; reason: string; detail: string }>;
  segments: Array<{ segment: string; customers: number; revenue_share: number }>;
  value: ValueSummary | undefined;
  /** Per series: the chosen model and its backtest MASE next to seasonal naive's. */
  forecasts: Array<{ series_id: string; chosen: string | null; model: string | null; mase: number | null; snaive_mase: number | null; coverage80: number | null; coverage95: number | null }>;
  /** Earlier runs' forecasts of the total series scored against this run's actuals. */
  trackRecord: Array<{ forecast_run_id: string; series_id: string; periods: number; mape: number | null; bias: number; inside80: number; inside95: number }>;
}

const FORECAST_SUMMARY_SQL = `
SELECT s.series_id, s.chosen, s.model, c.mase, n.mase AS snaive_mase, c.coverage80, c.coverage95
FROM forecast_series s
LEFT JOIN forecast_scores c ON c.run_id = s.run_id AND c.series_id = s.series_id AND c.candidate = s.chosen
LEFT JOIN forecast_scores n ON n.run_id = s.run_id AND n.series_id = s.series_id AND n.candidate = 'snaive'
WHERE s.run_id = ? ORDER BY s.series_id`;

const TRACK_RECORD_SUMMARY_SQL = `
SELECT forecast_run_id, series_id, count(*)::int AS periods,
       (100 * avg(abs(error) / nullif(actual, 0)))::float8 AS mape, avg(error)::float8 AS bias,
       avg(inside80::int)::float8 AS inside80, avg(inside95::int)::float8 AS inside95
FROM forecast_track_record WHERE run_id = ? AND series_id LIKE '%:total'
GROUP BY forecast_run_id, series_id ORDER BY forecast_run_id, series_id`;

export async function runDetail(db: Knex, runId: string): Promise<RunDetail | undefined> {
  const run = await db('runs').where({ run_id: runId }).first();
  if (!run) return undefined;
  delete run.source_config;
  const dataQuality = await db('dq_summary').where({ run_id: runId }).select('entity', 'source', 'rule', 'action', db.raw('rows::int AS rows')).orderBy(['entity', 'source', 'rule']);
  const quarantineSample = await db('quarantine').where({ run_id: runId }).select('entity', 'source', 'row_no', 'reason', 'detail').orderBy(['entity', 'source', 'row_no']).limit(10);
  const segments = await db('segment_summary').where({ run_id: runId }).select('segment', 'customers', 'revenue_share').orderBy('customers', 'desc');
  const forecasts = (await db.raw<{ rows: RunDetail['forecasts'] }>(FORECAST_SUMMARY_SQL, [runId])).rows;
  const trackRecord = (await db.raw<{ rows: RunDetail['trackRecord'] }>(TRACK_RECORD_SUMMARY_SQL, [runId])).rows;
  return { run, dataQuality, quarantineSample, segments, value: await valueSummary(db, runId), forecasts, trackRecord };
}

export function registerRunsCommand(program: Command): void {
  const runs = program.command('runs').description('look at pipeline runs');
  runs
    .command('list')
    .description('recent runs with status and stage')
    .option('--limit <n>', `how many (at most ${MAX_LIST_ROWS})`, integerIn(1, MAX_LIST_ROWS), 20)
    .action(async (opts: { limit: number }) => {
      const rows = await withDb((db) =>
        db('runs').select('run_id', 'as_of', 'status', 'current_stage', 'attempt', 'started_at', 'finished_at').orderBy('as_of', 'desc').limit(opts.limit));
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
      console.log('stage timings (ms) and the worker that ran each step:');
      const timings = Object.entries(run.stage_timings as Record<string, StageTiming>).sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt));
      console.table(Object.fromEntries(timings.map(([step, t]) => [step, { ms: t.ms, rows: t.rows, worker: t.worker }])));
      console.log('data quality:');
      console.table(detail.dataQuality);
      if (detail.segments.length > 0) {
        console.log('RFM segments:');
        console.table(detail.segments);
      }
      if (detail.value) printValueSummary(detail.value);
      if (detail.forecasts.length > 0) {
        console.log('forecasts (backtest MASE of the chosen model and of seasonal naive, interval coverage):');
        console.table(detail.forecasts);
      }
      if (detail.trackRecord.length > 0) {
        console.log('track record of earlier runs on the total series (MAPE %, bias, share of actuals inside 80% / 95%):');
        console.table(detail.trackRecord);
      }
    });
}

/** The value stage's figures: fitted models, churn-risk bands, CAC per channel, NPS / CSAT. */
export function printValueSummary(value: ValueSummary): void {
  const { models } = value;
  const { bgnbd, gammaGamma } = models;
  console.log(bgnbd && gammaGamma
    ? `customer value models: BG/NBD r=${bgnbd.r.toFixed(4)} alpha=${bgnbd.alpha.toFixed(4)} a=${bgnbd.a.toFixed(4)} b=${bgnbd.b.toFixed(4)}; ` +
      `Gamma-Gamma p=${gammaGamma.p.toFixed(4)} q=${gammaGamma.q.toFixed(4)} v=${gammaGamma.v.toFixed(2)}; corr(frequency, spend)=${models.frequencyMonetaryCorrelation?.toFixed(3)}`
    : `customer value models not fitted: ${String(models.skipReason)}`);
  console.log('churn risk:');
  console.table(value.churnRisk);
  console.log('CAC per channel (all periods):');
  console.table(value.cacByChannel);
  console.log('NPS / CSAT:');
  console.table(value.surveys);
}
