/**
 * One series of the offline `forecast` command, as a worker-thread task (infra/cpuPool.ts):
 * the event table, the automatic choice and the output rows. A series no candidate can
 * forecast still gets seasonal naive (or naive), with the reason, so every series is written.
 */
import { autoForecast, fallbackForecast } from '../../analytics/forecast/autoForecast';
import { type EventOptions, eventTable, type WeekDates } from '../../analytics/forecast/events';
import { periodAt, type RegularSeries } from '../../analytics/forecast/gaps';
import { formatPeriod } from '../../analytics/calendar';

export interface SeriesTask {
  id: string;
  series: RegularSeries;
  h: number;
  m: number;
  origins: number;
  seed: number;
  events: EventOptions;
  weekDates: WeekDates;
}

export interface SeriesOutput {
  rows: Record<string, string | number>[];
  scores: Record<string, string | number>[];
  /** The model column's value. */
  model: string;
  fallback?: string;
  notes: string[];
}

const round = (x: number) => Number(x.toPrecision(10));

export default function forecastSeries(task: SeriesTask): SeriesOutput {
  const { id, series, h, m } = task;
  const { table, notes } = eventTable(series, h, task.events, task.weekDates);
  let outcome;
  try {
    outcome = autoForecast(series.values, { h, m, origins: task.origins, events: table, seed: task.seed });
  } catch (error) {
    outcome = { ...fallbackForecast(series.values, h, m, error instanceof Error ? error.message : String(error)), members: [], notes: [] };
  }
  const f = outcome.forecast;
  const model = outcome.members.length > 0 ? `${outcome.chosen}(${outcome.members.join('+')})` : outcome.chosen;
  const rows = f.mean.map((mean, i) => ({
    series_id: id,
    period: formatPeriod(periodAt(series, series.values.length + i)),
    step: i + 1,
    forecast: round(mean),
    lo80: round(f.lo80[i]),
    hi80: round(f.hi80[i]),
    lo95: round(f.lo95[i]),
    hi95: round(f.hi95[i]),
    model,
  }));
  const allNotes = [...notes, ...outcome.notes, ...(f.notes ?? [])];
  const backtest = 'backtest' in outcome ? outcome.backtest : undefined;
  const scores = (backtest?.scores ?? []).map((s) => ({
    series_id: id,
    candidate: s.name,
    chosen: s.name === outcome.chosen ? 1 : 0,
    mase: s.mase,
    smape: s.smape,
    mape: s.mape,
    bias: s.bias,
    coverage80: s.coverage80,
    coverage95: s.coverage95,
    origins: s.evaluated,
    horizon: backtest?.horizon ?? 0,
    notes: s.name === outcome.chosen ? [outcome.reason, ...allNotes].join('; ') : s.failures.join('; '),
  }));
  return { rows, scores, model, fallback: outcome.fallback, notes: [outcome.reason, ...allNotes] };
}
