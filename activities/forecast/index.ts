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
 * part), side by side, then a summary step does what needs them all: the track record, the risk
 * warnings and the customer-based forecast. A small run does both in one step.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { RunContext } from '../../contract/runContext';
import { autoForecast, type AutoForecast } from '../../analytics/forecast/autoForecast';
import { eventTable } from '../../analytics/forecast/events';
import { periodAt } from '../../analytics/forecast/gaps';
import { firstCompletePeriod, formatDay, formatPeriod, lastCompletePeriod, parseDay, periodDays } from '../../analytics/calendar';
import { backtestCustomerBased, type CustomerBacktest, type CustomerPurchases } from '../../analytics/forecast/customerBacktest';
import { completedFirstStep, shareToDate, type EarlierPeriod } from '../../analytics/forecast/partialPeriod';
import { completeSeries, type CompleteSeries, type PeriodTotal } from '../../analytics/forecast/periodSeries';
import { forecastRiskWarnings, type PeriodOutcome } from '../../analytics/forecast/riskWarnings';
import { truncatedAtZero, type ForecastResult } from '../../analytics/forecast/result';
import type { CustomerBacktestSummary, ForecastSeriesResult, ForecastStageResult, ForecastSummaryResult, TotalSeriesAccuracy } from '../../contract/results';
import { partPredicate, STEPS, type Part, type PartInput, type StageInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import type { Progress } from '../heartbeat';
import { defineStage } from '../stage';
import { CUSTOMER_BASED_COLUMNS, customerBasedRows } from './customerBased';
import { readEventsFile } from './eventsFile';
import { customerBasedScoreRow, forecastSeriesRows, POINT_COLUMNS, SCORE_COLUMNS, SERIES_COLUMNS, type ForecastSeriesRows } from './rows';
import { firstOrderDay, loadPeriodTotals, type SeriesTotals } from './series';
import { customerPurchases } from '../value/customers';
import { latestEarlierForecasts, scoreEarlierForecasts } from './trackRecord';

/** Columns of forecast_risk_warnings (sql/migrations/20261207_011_forecast_risk_warnings.ts). */
const RISK_WARNING_COLUMNS = ['run_id', 'kind', 'severity', 'series_id', 'period', 'value', 'reference', 'message_zh', 'message_en'] as const;

/** Every customer's purchases as the value stage counts them (activities/value/customers.ts), for the customer-based backtest. */
async function loadPurchases(db: Knex, context: RunContext): Promise<CustomerPurchases[]> {
  const all: CustomerPurchases[] = [];
  for await (const customer of customerPurchases(db, context)) all.push(customer);
  return all;
}

/** The chosen model's and seasonal naive's backtest MASE on a total series. */
function totalAccuracy(auto: AutoForecast): TotalSeriesAccuracy {
  const score = (name: string) => auto.backtest.scores.find((s) => s.name === name)?.mase;
  const orNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
  return { chosen: auto.chosen, mase: orNull(score(auto.chosen)), snaiveMase: orNull(score('snaive')) };
}

/**
 * The forecast with its first step, the period holding the as-of day, made of what that
 * period holds to date and the model's forecast of the days still to come
 * (analytics/forecast/partialPeriod.ts): their share is what the same days held in the same
 * period of earlier seasons, or the share of the period's days still to come when no earlier
 * season is in the series.
 */
function withPeriodToDate(forecast: ForecastResult, complete: CompleteSeries, totals: readonly PeriodTotal[], season: number, asOf: string): ForecastResult {
  const { series, partial } = complete;
  if (!partial) return forecast;
  const n = series.values.length;
  const startOf = (k: number) => formatDay(periodDays(periodAt(series, k)).start);
  const toDateByStart = new Map(totals.map((t) => [t.periodStart, t.toDate ?? 0]));
  const earlier: (EarlierPeriod & { period: string })[] = [];
  for (let k = n - season; k >= 0; k -= season) {
    earlier.push({ period: formatPeriod(periodAt(series, k)), total: series.values[k], toDate: toDateByStart.get(startOf(k)) ?? 0 });
  }
  const pooled = shareToDate(earlier);
  if (pooled !== undefined) {
    const basis = `the days after it held ${((1 - pooled) * 100).toFixed(1)} % of ${earlier.map((p) => p.period).join(', ')}`;
    return completedFirstStep(forecast, partial.value, pooled, `${partial.period} (observed to ${asOf}; ${basis})`);
  }
  const { start, end } = periodDays(periodAt(series, n));
  const elapsed = parseDay(asOf) + 1 - start;
  const basis = `no earlier ${series.kind} in the same position of the season with sales: ${end - start - elapsed} of its ${end - start} days to come`;
  return completedFirstStep(forecast, partial.value, elapsed / (end - start), `${partial.period} (observed to ${asOf}; ${basis})`);
}

/** The run's series (loadPeriodTotals) and the data's first day. */
interface RunSeries {
  all: readonly SeriesTotals[];
  dataStart: string | null;
}

interface SeriesWork extends RunSeries {
  context: RunContext;
  db: Knex;
  progress: Progress;
  /** Which of them to forecast (all when the stage runs whole). */
  inPart: (seriesId: string) => boolean;
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

/** The last complete period of a revenue series, for the risk warnings (orders and active customers are forecast, not warned on). */
function outcomeOf(entry: SeriesTotals, complete: CompleteSeries, season: number): PeriodOutcome | undefined {
  if (entry.measure !== 'revenue') return undefined;
  const { values } = complete.series;
  const n = values.length;
  return {
    seriesId: entry.seriesId, dimension: entry.dimension, member: entry.member, period: formatPeriod(periodAt(complete.series, n - 1)),
    actual: values[n - 1], lastYear: n > season ? values[n - 1 - season] : undefined,
  };
}

/** Forecasts the series `inPart` selects, each with its backtest (and the customer-based one for total revenue). */
async function forecastSeries({ context, db, progress, all, dataStart, inPart }: SeriesWork): Promise<ForecastedSeries> {
  const { runId, asOf, config: { forecast: settings, valuation } } = context;
  const userEvents = settings.events.file ? readEventsFile(settings.events.file) : [];
  const rows: ForecastSeriesRows[] = [];
  const models: Record<string, number> = {};
  const totals: ForecastStageResult['total'] = {};
  let forecast = 0;
  let purchases: CustomerPurchases[] | undefined;
  const backtests: CustomerBacktestSummary[] = [];
  for (const [index, entry] of all.entries()) {
    if (!inPart(entry.seriesId)) continue;
    const { horizon, season } = entry.frequency === 'week' ? settings.weekly : settings.monthly;
    const complete = completeOf(entry, asOf, dataStart);
    if (!complete) continue; // sales only in the incomplete period: nothing to model yet
    const n = complete.series.values.length;
    const notes: string[] = [];
    let auto: AutoForecast | undefined;
    if (n < settings.minPeriods) {
      notes.push(`${n} complete period(s), fewer than the ${settings.minPeriods} needed to forecast`);
    } else {
      const events = eventTable(complete.series, horizon, { builtin: settings.events.builtin, user: userEvents });
      notes.push(...events.notes);
      const chosen = autoForecast(complete.series.values, { h: horizon, m: season, origins: settings.origins, events: events.table, seed: settings.seed });
      // Every measure here is non-negative (revenue leaves out the outlier orders, which hold every negative net amount).
      const floored = truncatedAtZero(chosen.forecast);
      auto = { ...chosen, forecast: complete.partial ? withPeriodToDate(floored, complete, entry.totals, season, asOf) : floored };
      forecast++;
      models[auto.chosen] = (models[auto.chosen] ?? 0) + 1;
      if (entry.dimension === 'total' && entry.measure === 'revenue') totals[entry.frequency] = totalAccuracy(auto);
    }
    let customerBased: CustomerBacktest | undefined;
    if (auto && entry.dimension === 'total' && entry.measure === 'revenue') {
      purchases ??= await loadPurchases(db, context);
      const { series } = complete;
      customerBased = await backtestCustomerBased(purchases, series.values, {
        origins: auto.backtest.origins, horizon: auto.backtest.horizon, m: season, periodDays: (k) => periodDays(periodAt(series, k)),
        timeUnit: valuation.timeUnit, minRepeatCustomers: valuation.minRepeatCustomersToFit, penalty: valuation.penalty, betweenOrigins: () => yieldToEventLoop(),
      });
      backtests.push({
        seriesId: entry.seriesId, origins: customerBased.evaluated, mase: Number.isFinite(customerBased.mase) ? customerBased.mase : null,
        fitMs: Math.round(customerBased.fitMs), forecastMs: Math.round(customerBased.forecastMs),
      });
      notes.push(`customer-based forecast backtested at ${customerBased.evaluated} of the last ${customerBased.tried} of ${auto.backtest.origins.length} origins`
        + ' (value models refitted on the customers known at each; each refit costs seconds, so not at every origin)'
        + (customerBased.failures.length > 0 ? `; not scored: ${customerBased.failures.join('; ')}` : ''));
    }
    const seriesRows = forecastSeriesRows({ ...entry, runId, season, horizon, complete, auto, notes });
    if (customerBased) seriesRows.scores.push(customerBasedScoreRow(runId, entry.seriesId, customerBased));
    rows.push(seriesRows);
    progress({ series: all.length, done: index + 1 });
    await yieldToEventLoop(); // lets the heartbeat timer fire between CPU-bound series
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

/**
 * What needs every stored series of the run: the track record of earlier forecasts, the risk
 * warnings (each revenue series' last complete period) and the customer-based forecast.
 */
async function summarizeForecasts(client: PoolClient, context: RunContext, { all, dataStart }: RunSeries): Promise<Omit<ForecastSummaryResult, 'ms'>> {
  const { runId, asOf, config: { forecast: settings } } = context;
  const outcomes = all.flatMap((entry) => {
    const complete = completeOf(entry, asOf, dataStart);
    const outcome = complete && outcomeOf(entry, complete, (entry.frequency === 'week' ? settings.weekly : settings.monthly).season);
    return outcome ? [outcome] : [];
  });
  const trackRecord = await scoreEarlierForecasts(client, runId);
  const earlier = await latestEarlierForecasts(client, runId, outcomes);
  const warnings = forecastRiskWarnings(outcomes.map((o) => ({ ...o, earlier: earlier.get(o.seriesId) })), { fallShare: settings.riskWarnings.revenueFall });
  const warningWriter = new CopyWriter(client, 'forecast_risk_warnings', RISK_WARNING_COLUMNS);
  for (const w of warnings) await warningWriter.write([runId, w.kind, w.severity, w.seriesId, w.period, w.value, w.reference, w.message.zh, w.message.en]);
  await warningWriter.flush();
  const customerBased = await customerBasedRows(client, runId, asOf, [
    { frequency: 'week', horizon: settings.weekly.horizon }, { frequency: 'month', horizon: settings.monthly.horizon }]);
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
  async run({ context, client, db, progress }) {
    const series = await loadSeries(db, context);
    const { rows, backtests, ...forecasted } = await forecastSeries({ context, db, progress, ...series, inPart: () => true });
    await writeSeriesRows(client, rows);
    const { customerBased, ...summary } = await summarizeForecasts(client, context, series);
    return { ...forecasted, ...summary, customerBased: { ...customerBased, backtests } };
  },
  rows: (result) => result.series,
});

/** One part of the series (those whose id hashes to the part), run side by side with the others. */
export const forecastPartStage = defineStage<PartInput & { part: Part }, Omit<ForecastSeriesResult, 'ms'>>({
  step: ({ part }) => STEPS.forecastPart(part),
  async run({ input: { part }, context, client, db, progress }) {
    const series = await loadSeries(db, context);
    // The part's series by the one definition of a part, which the envelope deletes by.
    const { rows: ids } = await client.query<{ id: string }>(`SELECT id FROM unnest($1::text[]) AS s(id) WHERE ${partPredicate('id', part)}`, [series.all.map((e) => e.seriesId)]);
    const mine = new Set(ids.map((r) => r.id));
    const { rows, ...forecasted } = await forecastSeries({ context, db, progress, ...series, inPart: (id) => mine.has(id) });
    await writeSeriesRows(client, rows);
    return forecasted;
  },
  rows: (result) => result.series,
});

/** After the parts: the summary over every series they stored. */
export const forecastSummaryStage = defineStage<StageInput, Omit<ForecastSummaryResult, 'ms'>>({
  step: () => STEPS.forecastSummary,
  async run({ context, client, db }) {
    return summarizeForecasts(client, context, await loadSeries(db, context));
  },
  rows: (result) => result.trackRecord + result.riskWarnings + result.customerBased.rows,
});
