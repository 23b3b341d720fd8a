/**
 * The forecast stage's CPU-bound work as worker-thread tasks (infra/cpuPool.ts), plain data in
 * and out, so that a step spreads it over the worker's cores: one series' automatic choice
 * (its event table, the choice, the forecast truncated at zero and its period to date), or one
 * origin of the customer-based backtest (analytics/forecast/customerBacktest.ts). The step
 * (index.ts) reads the inputs, hands the tasks out and stores what they return.
 */
import { autoForecast, type AutoForecast } from '../../analytics/forecast/autoForecast';
import type { BacktestResult } from '../../analytics/forecast/backtest';
import { customerBacktestAt, type CustomerOriginOutcome, type PackedPurchases } from '../../analytics/forecast/customerBacktest';
import { eventTable, type EventOptions } from '../../analytics/forecast/events';
import { periodAt, type RegularSeries } from '../../analytics/forecast/gaps';
import { completedFirstStep, shareToDate, type EarlierPeriod } from '../../analytics/forecast/partialPeriod';
import type { CompleteSeries, PeriodTotal } from '../../analytics/forecast/periodSeries';
import { truncatedAtZero, type ForecastResult } from '../../analytics/forecast/result';
import { formatDay, formatPeriod, parseDay, periodDays } from '../../analytics/calendar';
import type { TimeUnit } from '../../analytics/clv/summary';

/**
 * The automatic choice as the stage stores it: the backtest's origins, horizon and scores,
 * without its per-origin forecasts (only the choice needed them; they would be copied back
 * from the thread for nothing).
 */
export type SeriesChoice = Omit<AutoForecast, 'backtest'> & { backtest: Pick<BacktestResult, 'origins' | 'horizon' | 'scores'> };

export interface SeriesTask {
  kind: 'series';
  complete: CompleteSeries;
  /** The series' per-period totals as read, for the period to date's share. */
  totals: PeriodTotal[];
  horizon: number;
  season: number;
  origins: number;
  seed: number;
  events: EventOptions;
  asOf: string;
}

export interface SeriesOutcome {
  choice: SeriesChoice;
  /** What the event table says (events outside the calendar's years …). */
  eventNotes: string[];
}

export interface CustomerOriginTask {
  kind: 'customer-origin';
  /** On shared memory: every task reads the step's one copy. */
  customers: PackedPurchases;
  /** The total revenue series the forecast is scored against. */
  series: RegularSeries;
  origin: number;
  horizon: number;
  season: number;
  timeUnit: TimeUnit;
  minRepeatCustomers: number;
  penalty: number;
}

export type ForecastTask = SeriesTask | CustomerOriginTask;
export type ForecastTaskResult = SeriesOutcome | CustomerOriginOutcome | undefined;

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

/** One series: the automatic choice with the event calendar, its forecast truncated at zero, the period to date completed. */
export function forecastOneSeries(task: SeriesTask): SeriesOutcome {
  const { complete, horizon, season } = task;
  const events = eventTable(complete.series, horizon, task.events);
  const chosen = autoForecast(complete.series.values, { h: horizon, m: season, origins: task.origins, events: events.table, seed: task.seed });
  // Every measure here is non-negative (revenue leaves out the outlier orders, which hold every negative net amount).
  const floored = truncatedAtZero(chosen.forecast);
  const { origins, horizon: steps, scores } = chosen.backtest;
  return {
    choice: { ...chosen, backtest: { origins, horizon: steps, scores }, forecast: complete.partial ? withPeriodToDate(floored, complete, task.totals, season, task.asOf) : floored },
    eventNotes: events.notes,
  };
}

/** One origin of the customer-based backtest of a total revenue series. */
export function customerOrigin(task: CustomerOriginTask): CustomerOriginOutcome | undefined {
  const { series } = task;
  return customerBacktestAt(task.customers, series.values, task.origin, {
    horizon: task.horizon, m: task.season, periodDays: (k) => periodDays(periodAt(series, k)),
    timeUnit: task.timeUnit, minRepeatCustomers: task.minRepeatCustomers, penalty: task.penalty,
  });
}

export default function runForecastTask(task: ForecastTask): ForecastTaskResult {
  return task.kind === 'series' ? forecastOneSeries(task) : customerOrigin(task);
}
