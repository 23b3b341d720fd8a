/**
 * Forecast stage (SPEC §6): weekly and monthly revenue, orders and active customers of the
 * run (total, per channel, per customer group, per region; series.ts), cut at the last
 * complete period before the as-of day (the week or month to date is stored on the series
 * row, not modelled: its forecast is what it holds to date plus the model's forecast of the
 * days still to come) and after the data's first day (a first period the data cover only in
 * part is left out). Each series long enough gets the automatic choice
 * (analytics/forecast/autoForecast.ts) with the event calendar — the built-in Chinese
 * holidays and the user's events file — and its forecast and intervals truncated at zero
 * (no measure here can be negative). Revenue series' last complete periods give the risk
 * warnings (analytics/forecast/riskWarnings.ts). Settings: the config's `forecast` section
 * (config/forecast.ts). Writes the run's series, scores, points, track record and risk warnings,
 * and beside them the customer-based forecast from the value stage's models (customerBased.ts).
 * A big run forecasts its series in parts (contract/stages.ts: the series whose id hashes to the
 * part), side by side, then a summary step does what needs them all from the rows they stored:
 * the track record, the risk warnings and the customer-based forecast. A small run does both in
 * one step.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { RunContext } from '../../contract/runContext';
import { planOrigins } from '../../analytics/forecast/backtest';
import { firstCompletePeriod, lastCompletePeriod } from '../../analytics/calendar';
import { customerBacktestOf, customerBacktestOrigins, packPurchases, PurchasePacker, type CustomerBacktest, type CustomerOriginOutcome, type PackedPurchases } from '../../analytics/forecast/customerBacktest';
import { completeSeries, type CompleteSeries } from '../../analytics/forecast/periodSeries';
import { forecastRiskWarnings, type PeriodOutcome } from '../../analytics/forecast/riskWarnings';
import type { CustomerBacktestSummary, ForecastSeriesResult, ForecastStageResult, ForecastSummaryResult, TotalSeriesAccuracy } from '../../contract/results';
import { partPredicate, STEPS, type Part, type PartInput, type StageInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import { cpuPool, type CpuPool } from '../../infra/cpuPool';
import { settle, settled } from '../../infra/settled';
import type { Progress } from '../heartbeat';
import { defineStage } from '../stage';
import { CUSTOMER_BASED_COLUMNS, customerBasedRows, type CustomerBasedRows } from './customerBased';
import { readEventsFile } from './eventsFile';
import runForecastTask, { type ForecastTask, type ForecastTaskResult, type SeriesChoice, type SeriesOutcome } from './forecastTask';
import { customerBasedScoreRow, forecastSeriesRows, POINT_COLUMNS, SCORE_COLUMNS, SERIES_COLUMNS, type ForecastSeriesRows } from './rows';
import { bySeriesId, firstOrderDay, loadPeriodTotals, seriesIdOf, type SeriesTotals } from './series';
import { customerPurchases } from '../value/customers';
import { latestEarlierForecasts, scoreEarlierForecasts } from './trackRecord';

/** Columns of forecast_risk_warnings (sql/migrations/20261207_011_forecast_risk_warnings.ts). */
const RISK_WARNING_COLUMNS = ['run_id', 'kind', 'severity', 'series_id', 'period', 'value', 'reference', 'message_zh', 'message_en'] as const;

/** Every customer's purchases as the value stage counts them (activities/value/customers.ts), for the customer-based backtest. */
async function loadPurchases(db: Knex, context: RunContext): Promise<PackedPurchases> {
  const packer = new PurchasePacker();
  for await (const customer of customerPurchases(db, context)) packer.add(customer);
  return packer.packed();
}

/** The chosen model's and seasonal naive's backtest MASE on a total series. */
function totalAccuracy(auto: SeriesChoice): TotalSeriesAccuracy {
  const score = (name: string) => auto.backtest.scores.find((s) => s.name === name)?.mase;
  const orNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
  return { chosen: auto.chosen, mase: orNull(score(auto.chosen)), snaiveMase: orNull(score('snaive')) };
}

/** The run's series (loadPeriodTotals) and the data's first day. */
interface RunSeries {
  all: readonly SeriesTotals[];
  dataStart: string | null;
}

interface SeriesWork extends RunSeries {
  context: RunContext;
  progress: Progress;
  /** Which of them to forecast (all when the stage runs whole). */
  inPart: (seriesId: string) => boolean;
  /** Threads the series and the customer-based backtest's origins are spread over (the worker's: WORKER_THREADS; 0 = on this one), and each one's heap. */
  threads: number;
  heapMb: number;
  /** Every customer's purchases, for the customer-based backtest (asked for only when the work holds a total revenue series). */
  purchases: () => Promise<PackedPurchases>;
}

/** What a part of the series stores and tells: rows and outcomes for the summary, counts for the run's result. */
interface ForecastedSeries extends Omit<ForecastSeriesResult, 'ms'> {
  rows: ForecastSeriesRows[];
}

/** Whether the stage can forecast a series: its complete periods, cut at the last complete one and after the data's first day. */
function completeOf(entry: SeriesTotals, asOf: string, dataStart: string | null): CompleteSeries | undefined {
  const first = dataStart === null ? undefined : firstCompletePeriod(dataStart, entry.frequency);
  return completeSeries(entry.totals, lastCompletePeriod(asOf, entry.frequency), first);
}

const TASK_FILE = path.join(__dirname, 'forecastTask.ts');

/** The total revenue series, weekly and monthly: the customer-based forecast is backtested against them (forecastSeries). */
const TOTAL_REVENUE_SERIES: readonly string[] = (['week', 'month'] as const).map((frequency) => seriesIdOf({ frequency, measure: 'revenue', dimension: 'total', member: '' }));
const isTotalRevenue = (entry: SeriesTotals) => TOTAL_REVENUE_SERIES.includes(entry.seriesId);

/**
 * A forecast step's threads end a second after its last task: kept a minute (for a backfill's
 * next week), they held their heaps through the publish stage, where the worker's RSS then
 * peaked; starting them again costs about half a CPU-second each.
 */
const POOL_IDLE_MS = 1_000;
const pools = new Map<string, CpuPool<ForecastTask, ForecastTaskResult>>();

/** The step thread's pool of `threads` forecast threads (0: the tasks run on the step's own thread). */
function forecastPool(threads: number, heapMb: number): CpuPool<ForecastTask, ForecastTaskResult> {
  const key = `${threads}:${heapMb}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = cpuPool<ForecastTask, ForecastTaskResult>(TASK_FILE, runForecastTask, threads, heapMb, POOL_IDLE_MS);
    pools.set(key, pool);
  }
  return pool;
}

/**
 * Forecasts the series `inPart` selects, each with its backtest (and the customer-based one for
 * total revenue). The series' choices and the customer-based backtest's origins are tasks on
 * `threads` threads (forecastTask.ts), the origins first (each refits the value models on every
 * customer: the longest tasks), then the series; the rows are built here in series order.
 */
async function forecastSeries({ context, progress, all, dataStart, inPart, threads, heapMb, purchases }: SeriesWork): Promise<ForecastedSeries> {
  const { runId, asOf, config: { forecast: settings, valuation } } = context;
  const events = { builtin: settings.events.builtin, user: settings.events.file ? readEventsFile(settings.events.file) : [] };
  const planned = all.filter((entry) => inPart(entry.seriesId)).flatMap((entry) => {
    const { horizon, season } = entry.frequency === 'week' ? settings.weekly : settings.monthly;
    const complete = completeOf(entry, asOf, dataStart);
    return complete ? [{ entry, horizon, season, complete, modelled: complete.series.values.length >= settings.minPeriods }] : []; // none: sales only in the incomplete period
  });
  const totalRevenue = planned.filter((p) => p.modelled && isTotalRevenue(p.entry));
  // No threads to start when no series is long enough to model (a run's first weeks).
  const pool = forecastPool(planned.some((p) => p.modelled) ? threads : 0, heapMb);
  // The customer-based backtest's origins are the last of the series' backtest origins (planned as autoForecast plans them).
  const customers = totalRevenue.length > 0 ? await purchases() : packPurchases([]);
  const originTasks = new Map(totalRevenue.map(({ entry, horizon, season, complete: { series } }) => {
    const plan = planOrigins(series.values.length, { h: horizon, m: season, origins: settings.origins });
    const tried = customerBacktestOrigins(plan.origins);
    const outcomes = tried.map((origin) => settle(pool.run({
      kind: 'customer-origin', customers, series, origin, horizon: plan.horizon, season,
      timeUnit: valuation.timeUnit, minRepeatCustomers: valuation.minRepeatCustomersToFit, penalty: valuation.penalty,
    }) as Promise<CustomerOriginOutcome | undefined>));
    return [entry.seriesId, { plan, tried, outcomes }];
  }));
  const choices = planned.map((p) => p.modelled
    ? settle(pool.run({ kind: 'series', complete: p.complete, totals: p.entry.totals, horizon: p.horizon, season: p.season, origins: settings.origins, seed: settings.seed, events, asOf }) as Promise<SeriesOutcome>)
    : undefined);
  const rows: ForecastSeriesRows[] = [];
  const models: Record<string, number> = {};
  const totals: ForecastStageResult['total'] = {};
  let forecast = 0;
  const backtests: CustomerBacktestSummary[] = [];
  for (const [index, { entry, horizon, season, complete }] of planned.entries()) {
    const n = complete.series.values.length;
    const notes: string[] = [];
    let auto: SeriesChoice | undefined;
    const choice = choices[index];
    if (!choice) {
      notes.push(`${n} complete period(s), fewer than the ${settings.minPeriods} needed to forecast`);
    } else {
      const outcome = await settled(choice);
      notes.push(...outcome.eventNotes);
      auto = outcome.choice;
      forecast++;
      models[auto.chosen] = (models[auto.chosen] ?? 0) + 1;
      if (isTotalRevenue(entry)) totals[entry.frequency] = totalAccuracy(auto);
    }
    let customerBased: CustomerBacktest | undefined;
    const origins = originTasks.get(entry.seriesId);
    if (auto && origins) {
      const { backtest } = auto;
      if (backtest.horizon !== origins.plan.horizon || backtest.origins.join() !== origins.plan.origins.join()) {
        throw new Error(`${entry.seriesId}: the customer-based backtest's origins (${origins.plan.origins.join(', ')}) are not the series' (${backtest.origins.join(', ')})`);
      }
      customerBased = customerBacktestOf(origins.tried.length, await Promise.all(origins.outcomes.map(settled)));
      backtests.push({
        seriesId: entry.seriesId, origins: customerBased.evaluated, mase: Number.isFinite(customerBased.mase) ? customerBased.mase : null,
        fitMs: Math.round(customerBased.fitMs), forecastMs: Math.round(customerBased.forecastMs),
      });
      notes.push(`customer-based forecast backtested at ${customerBased.evaluated} of the last ${customerBased.tried} of ${backtest.origins.length} origins`
        + ' (value models refitted on the customers known at each; each refit costs seconds, so not at every origin)'
        + (customerBased.failures.length > 0 ? `; not scored: ${customerBased.failures.join('; ')}` : ''));
    }
    const seriesRows = forecastSeriesRows({ ...entry, runId, season, horizon, complete, auto, notes });
    if (customerBased) seriesRows.scores.push(customerBasedScoreRow(runId, entry.seriesId, customerBased));
    rows.push(seriesRows);
    progress({ series: planned.length, done: index + 1 });
  }
  return { rows, series: rows.length, forecast, models, total: totals, backtests };
}

async function writeSeriesRows(client: PoolClient, rows: readonly ForecastSeriesRows[]): Promise<void> {
  const seriesWriter = new CopyWriter(client, 'forecast_series', SERIES_COLUMNS);
  const scoreWriter = new CopyWriter(client, 'forecast_scores', SCORE_COLUMNS);
  const pointWriter = new CopyWriter(client, 'forecast_points', POINT_COLUMNS);
  for (const r of rows) {
    await seriesWriter.write(r.series);
    for (const s of r.scores) await scoreWriter.write(s);
    for (const p of r.points) await pointWriter.write(p);
  }
  for (const writer of [seriesWriter, scoreWriter, pointWriter]) await writer.flush();
}

/** The customer-based forecast from the value stage's models (customerBased.ts), over the series' forecast periods: it needs none of the series. */
function customerBasedOf(client: PoolClient, { runId, asOf, config: { forecast: settings } }: RunContext): Promise<CustomerBasedRows> {
  return customerBasedRows(client, runId, asOf, [{ frequency: 'week', horizon: settings.weekly.horizon }, { frequency: 'month', horizon: settings.monthly.horizon }]);
}

/**
 * Each stored revenue series' last complete period and the same period a season before it, for
 * the risk warnings (orders and active customers are forecast, not warned on): read from the
 * actual points the run stored (forecastSeriesRows), so that the summary after the parts needs
 * no second pass over the orders. The points hold the series' values exactly (sums of cents).
 */
async function storedOutcomes(client: PoolClient, runId: string): Promise<PeriodOutcome[]> {
  const { rows } = await client.query<{ series_id: string; dimension: string; member: string; period: string; actual: number; last_year: number | null }>(
    `WITH p AS (
       SELECT s.series_id, s.dimension, s.member, s.season, p.period, p.value::float8 AS value,
              row_number() OVER (PARTITION BY s.series_id ORDER BY p.period_start DESC) AS back
       FROM forecast_series s JOIN forecast_points p ON p.run_id = s.run_id AND p.series_id = s.series_id AND p.kind = 'actual'
       WHERE s.run_id = $1 AND s.measure = 'revenue')
     SELECT l.series_id, l.dimension, l.member, l.period, l.value AS actual, y.value AS last_year
     FROM p l LEFT JOIN p y ON y.series_id = l.series_id AND y.back = l.season + 1
     WHERE l.back = 1`,
    [runId]);
  return rows
    .map((r): PeriodOutcome => ({ seriesId: r.series_id, dimension: r.dimension, member: r.member, period: r.period, actual: r.actual, lastYear: r.last_year ?? undefined }))
    .sort(bySeriesId);
}

/**
 * What needs every stored series of the run: the track record of earlier forecasts and the risk
 * warnings (each revenue series' last complete period); stores the customer-based forecast beside them.
 */
async function summarizeForecasts(client: PoolClient, context: RunContext, customerBased: CustomerBasedRows): Promise<Omit<ForecastSummaryResult, 'ms'>> {
  const { runId, config: { forecast: settings } } = context;
  const outcomes = await storedOutcomes(client, runId);
  const trackRecord = await scoreEarlierForecasts(client, runId);
  const earlier = await latestEarlierForecasts(client, runId, outcomes);
  const warnings = forecastRiskWarnings(outcomes.map((o) => ({ ...o, earlier: earlier.get(o.seriesId) })), { fallShare: settings.riskWarnings.revenueFall });
  const warningWriter = new CopyWriter(client, 'forecast_risk_warnings', RISK_WARNING_COLUMNS);
  for (const w of warnings) await warningWriter.write([runId, w.kind, w.severity, w.seriesId, w.period, w.value, w.reference, w.message.zh, w.message.en]);
  await warningWriter.flush();
  const customerBasedWriter = new CopyWriter(client, 'forecast_customer_based', CUSTOMER_BASED_COLUMNS);
  for (const row of customerBased.rows) await customerBasedWriter.write(row);
  await customerBasedWriter.flush();
  return { trackRecord, riskWarnings: warnings.length, customerBased: { rows: customerBased.rows.length, notes: customerBased.notes } };
}

async function loadSeries(db: Knex, { runId, asOf, cutoff, timeZone }: RunContext): Promise<RunSeries> {
  return { all: await loadPeriodTotals(db, runId, asOf, cutoff, timeZone), dataStart: await firstOrderDay(db, runId, cutoff, timeZone) };
}

/** The whole stage in one step: every series, then the summary. */
export const forecastStage = defineStage<StageInput, Omit<ForecastStageResult, 'ms'>>({
  step: () => STEPS.forecast,
  async run({ context, client, db, app, progress }) {
    // While PostgreSQL sums the series, the customers' purchases stream in on a connection of their
    // own and the customer-based forecast is computed on the step's transaction.
    const purchases = settle(loadPurchases(db, context));
    const customerForecast = settle(customerBasedOf(client, context));
    const series = await loadSeries(db, context);
    const { rows, backtests, ...forecasted } = await forecastSeries({
      context, progress, ...series, inPart: () => true, threads: app.workerThreads, heapMb: app.stepThreadHeapMb, purchases: () => settled(purchases),
    });
    await purchases; // read whole even when no total revenue series needed them
    await writeSeriesRows(client, rows);
    const { customerBased, ...summary } = await summarizeForecasts(client, context, await settled(customerForecast));
    return { ...forecasted, ...summary, customerBased: { ...customerBased, backtests } };
  },
  rows: (result) => result.series,
});

/** One part of the series (those whose id hashes to the part), run side by side with the others. */
export const forecastPartStage = defineStage<PartInput & { part: Part }, Omit<ForecastSeriesResult, 'ms'>>({
  step: ({ part }) => STEPS.forecastPart(part),
  async run({ input: { part }, context, client, db, app, progress }) {
    // The part's series by the one definition of a part, which the envelope deletes by.
    const ofPart = async (seriesIds: readonly string[]) => new Set((await client.query<{ id: string }>(`SELECT id FROM unnest($1::text[]) AS s(id) WHERE ${partPredicate('id', part)}`, [seriesIds])).rows.map((r) => r.id));
    // A part holding a total revenue series backtests the customer-based forecast on every customer's
    // purchases: they stream in on a connection of their own while PostgreSQL sums the series.
    const holdsTotalRevenue = (await ofPart(TOTAL_REVENUE_SERIES)).size > 0;
    let purchases = holdsTotalRevenue ? settle(loadPurchases(db, context)) : undefined;
    const series = await loadSeries(db, context);
    const mine = await ofPart(series.all.map((e) => e.seriesId));
    const { rows, ...forecasted } = await forecastSeries({
      context, progress, ...series, inPart: (id) => mine.has(id), threads: app.workerThreads, heapMb: app.stepThreadHeapMb,
      purchases: () => settled(purchases ??= settle(loadPurchases(db, context))),
    });
    await purchases; // read whole even when the total revenue series were too short to model
    await writeSeriesRows(client, rows);
    return forecasted;
  },
  rows: (result) => result.series,
});

/** After the parts: the summary over every series they stored. */
export const forecastSummaryStage = defineStage<StageInput, Omit<ForecastSummaryResult, 'ms'>>({
  step: () => STEPS.forecastSummary,
  async run({ context, client }) {
    return summarizeForecasts(client, context, await customerBasedOf(client, context));
  },
  rows: (result) => result.trackRecord + result.riskWarnings + result.customerBased.rows,
});
