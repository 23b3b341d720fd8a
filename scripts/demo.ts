/**
 * `npm run demo`: the whole job on embedded defaults. Starts the local stack (embedded
 * PostgreSQL + Temporal dev server), a worker, generates the sample data (files and the
 * `source` schema), runs one refresh through Temporal for the last day of the data, and
 * writes the run's summary under out/. Flags: --customers N --lines N --seed N --json-logs
 * (structured logs on stdout; by default they go to .data/logs/demo.log).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { Knex } from 'knex';
import { loadSourceConfigFile } from '../config/load';
import { loadConfig } from '../infra/config';
import { commandLogs } from '../infra/logging';
import { DEFAULT_STACK_PORTS } from '../infra/stack';
import { printValueSummary, runDetail } from './commands/runs';
import { generateSampleData } from './generate';
import { plantedVsFound } from './generate/plantedSegments';
import { withLocalPipeline } from './lib/localPipeline';
import { followRefresh, startRefresh } from './lib/refresh';
import { scoreVoiceTags } from './lib/voiceTruth';
import type { TotalSeriesAccuracy } from '../contract/results';
import { CUSTOMER_BACKTEST_ORIGINS } from '../analytics/forecast/customerBacktest';
import { recordsToCsv } from '../reports/csv';

const SAMPLE_START = '2023-11-20';
const SAMPLE_END = '2026-11-22';

const options = new Command('demo')
  .option('--customers <n>', 'customers in the sample', '20000')
  .option('--lines <n>', 'order lines in the sample', '300000')
  .option('--seed <n>', 'generator seed', '42')
  .option('--json-logs', 'structured (JSON) logs on stdout instead of .data/logs/demo.log (so does setting LOG_LEVEL)')
  .parse(process.argv)
  .opts<{ customers: string; lines: string; seed: string; jsonLogs?: boolean }>();

/**
 * The monthly total's first forecast month against the last actual month before it, beside the
 * same month-on-month ratio in every earlier year of the (modelled, outlier-free) history: a
 * forecast that misses a peak every year shows (November 2026 against October 2026 on the demo).
 * A month observed in part shows what it holds to date beside the forecast of its other days.
 */
async function printNextMonthCheck(db: Knex, runId: string): Promise<void> {
  const points: { period: string; kind: string; value: string; outlier_value: string | null }[] = await db('forecast_points')
    .where({ run_id: runId, series_id: 'month:total' }).orderBy('period_start').select('period', 'kind', 'value', 'outlier_value');
  const actual = new Map(points.filter((p) => p.kind === 'actual').map((p) => [p.period, Number(p.value)]));
  const next = points.find((p) => p.kind === 'forecast');
  if (!next) return;
  const previousMonth = (period: string) => {
    const [year, month] = period.split('-').map(Number);
    return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  };
  const last = previousMonth(next.period);
  const lastActual = actual.get(last);
  if (lastActual === undefined) return;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const history = [...actual.keys()].filter((p) => p.slice(5) === next.period.slice(5) && actual.has(previousMonth(p)))
    .map((p) => `${p} ${ratio(actual.get(p)!, actual.get(previousMonth(p))!)}`);
  const outliers = points.filter((p) => p.kind === 'actual' && Number(p.outlier_value ?? 0) !== 0).length;
  const series: { partial_period: string | null; partial_value: string | null } | undefined = await db('forecast_series')
    .where({ run_id: runId, series_id: 'month:total' }).first('partial_period', 'partial_value');
  const yuan = (value: number) => `¥${Math.round(value).toLocaleString('en-US')}`;
  const toDate = series?.partial_period === next.period && series.partial_value !== null
    ? ` (${yuan(Number(series.partial_value))} observed to date + ${yuan(Number(next.value) - Number(series.partial_value))} forecast for the days to come)` : '';
  console.log(`monthly total forecast ${next.period} ${yuan(Number(next.value))}${toDate} vs ${last} actual ${yuan(lastActual)}: `
    + `${ratio(Number(next.value), lastActual)} (${Number(next.value) > lastActual ? 'above' : 'NOT above'}); same ratio in the history: ${history.join(', ') || 'none'}; `
    + `outlier orders left out of ${outliers} month(s)`);
}

/** The customer-based forecast of the second month ahead (the first complete one) beside the time series' forecast of it. */
async function printCustomerBased(db: Knex, runId: string, notes: readonly string[]): Promise<void> {
  const customerBased: { period: string; value: number; expected_purchases: number } | undefined = await db('forecast_customer_based')
    .where({ run_id: runId, frequency: 'month', member: '', step: 2 }).first('period', 'value', 'expected_purchases');
  if (!customerBased) {
    console.log(`customer-based forecast: none (${notes.join('; ')})`);
    return;
  }
  const timeSeries: { value: string } | undefined = await db('forecast_points').where({ run_id: runId, series_id: 'month:total', kind: 'forecast', period: customerBased.period }).first('value');
  const yuan = (value: number) => `¥${Math.round(value).toLocaleString('en-US')}`;
  console.log(`customer-based forecast ${customerBased.period}, customers known today: ${yuan(customerBased.value)} (${Math.round(customerBased.expected_purchases).toLocaleString('en-US')} purchases expected) `
    + `vs the time series' ${timeSeries ? yuan(Number(timeSeries.value)) : '-'}`);
}

async function run(): Promise<void> {
  const config = loadConfig();
  const logFile = commandLogs(config.dataDir, 'demo', options);
  if (logFile) console.error(`structured logs: ${path.relative(config.projectRoot, logFile)} (--json-logs or LOG_LEVEL for stdout)`);
  await withLocalPipeline(config, DEFAULT_STACK_PORTS, ({ stack, db, client, worker }) =>
    worker.runUntil(async () => {
      const sampleDir = path.join(config.dataDir, 'sample');
      console.error(`generating sample data into ${path.relative(config.projectRoot, sampleDir)} and schema "source"…`);
      const generated = await generateSampleData({
        seed: Number(options.seed), customers: Number(options.customers), lines: Number(options.lines),
        start: SAMPLE_START, end: SAMPLE_END, outDir: sampleDir, db,
      });
      const sourceConfig = loadSourceConfigFile(generated.sourcesPath);
      const handle = await startRefresh(client, config, { asOf: SAMPLE_END, sourceConfig });
      if (stack.uiUrl) console.error(`refresh ${handle.workflowId}: ${stack.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${handle.workflowId}`);
      const result = await followRefresh(handle);
      const detail = await runDetail(db, result.runId);
      const outDir = path.join(config.outDir, result.runId);
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, 'run-summary.json'), JSON.stringify({ result, run: detail?.run }, null, 2));
      fs.writeFileSync(path.join(outDir, 'data-quality.csv'), recordsToCsv(detail?.dataQuality ?? []));
      fs.writeFileSync(path.join(outDir, 'segments.csv'), recordsToCsv(detail?.segments ?? []));
      console.log(`\nrun ${result.runId} ${String(detail?.run.status)} — per source:`);
      console.table(detail?.run.source_counts);
      console.log(`customers profiled: ${result.profiled?.customers ?? 0}; k-means chose k = ${result.segmented?.k ?? '-'}; RFM segments:`);
      console.table(detail?.segments);
      const clusters = await db('customer_segments').where({ run_id: result.runId }).select('customer_id', 'cluster');
      const planted = plantedVsFound(generated.manifest.latent, clusters.map((c) => ({ customerId: c.customer_id, cluster: c.cluster })));
      const distinct = planted.matches.filter((m) => m.distinct).length;
      console.log(`planted behaviours vs clusters found: ${distinct} of ${planted.matches.length} behaviours have a cluster of their own (adjusted Rand index ${planted.ari.toFixed(3)}):`);
      console.table(planted.matches.map((m) => ({ ...m, recall: m.recall.toFixed(2), purity: m.purity.toFixed(2) })));
      if (detail?.value) printValueSummary(detail.value);
      const forecasted = result.forecasted;
      if (forecasted) {
        const total = (name: string, t?: TotalSeriesAccuracy) => (t ? `${name} ${t.chosen} MASE ${t.mase?.toFixed(3) ?? '-'} vs seasonal naive ${t.snaiveMase?.toFixed(3) ?? '-'}` : `${name} not forecast`);
        console.log(`forecast: ${forecasted.forecast} of ${forecasted.series} series; total revenue backtest: ${total('weekly', forecasted.total.week)}, ${total('monthly', forecasted.total.month)}`);
        const customerBased = forecasted.customerBased.backtests.map((b) => `${b.seriesId} MASE ${b.mase?.toFixed(3) ?? '-'} at ${b.origins} origin(s) (${b.fitMs} ms fitting, ${b.forecastMs} ms forecasting)`);
        console.log(`customer-based forecast backtest (the last ${CUSTOMER_BACKTEST_ORIGINS} origins at most): ${customerBased.join(', ') || 'none'}`);
        await printNextMonthCheck(db, result.runId);
        await printCustomerBased(db, result.runId, forecasted.customerBased.notes);
      }
      if (result.voiced) {
        console.log(`voice: ${result.voiced.comments} comments scored (${result.voiced.negative} negative) in ${result.voiced.ms} ms; voice tags against the planted truth:`);
        console.table(await scoreVoiceTags(db, result.runId, generated.manifest.latent));
      }
      for (const artifact of result.published.artifacts) console.log(`report ${artifact.kind}: ${path.relative(config.projectRoot, artifact.path)} (${artifact.bytes.toLocaleString('en-US')} bytes)`);
      console.log(`mailed ${result.published.delivery.messageId} to ${result.published.delivery.accepted.join(', ')}; the local SMTP sink keeps it in ${path.relative(config.projectRoot, path.join(config.outDir, 'mail'))}/`);
      console.log(`summary, data quality and segments in ${path.relative(config.projectRoot, outDir)}/; inspect with \`npm run cli -- runs show ${result.runId}\` (no stack needed)`);
    }));
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
