/**
 * Automatic forecasting of one series: the default candidates are backtested over rolling
 * origins and chosen by the one rule of backtest.ts (mean of the best three, or a single
 * candidate that is clearly better); the choice is refitted on the whole series and its
 * intervals widened as far as its backtest errors ask (calibration.ts).
 *
 * Candidates (R / statsforecast names): seasonal naive, and naive and drift as yardsticks;
 * ETS chosen by AICc (ets.ts; seasonal only for m ≤ 24, as R `ets`); Theta with a
 * seasonality test that also sees one dominant peak (theta.ts); STL + ETS for any season,
 * the one that handles weekly data's m = 52 (stlf.ts). With an event calendar, the same
 * models on the event-adjusted series and a regression on trend, season and events form a
 * second pool (eventEffects.ts); the backtest decides whether it is used.
 *
 * Per-series isolation: a candidate that cannot be fitted is left out of the choice (its
 * failures are kept in the scores); if the chosen forecast cannot be refitted, the next
 * candidate by backtest rank is used, and seasonal naive (or naive) when nothing else fits;
 * `fallback` says why.
 */
import { backtest, BacktestOptions, BacktestResult, Candidate, CandidatePool, chooseForecast, combineForecasts, FINAL_DETAIL, Forecaster, rankKey } from './backtest';
import { widenIntervals } from './calibration';
import { ets, extendEtsFit, forecastEtsFit, selectEts } from './ets';
import { estimateEventEffects, EventEffects, removeEventEffects, restoreEventEffects } from './eventEffects';
import type { EventTable } from './events';
import { regression } from './regression';
import type { ForecastResult } from './result';
import { drift, naive, seasonalNaive } from './benchmarks';
import { stlfForecaster } from './stlf';
import { theta } from './theta';

export interface AutoForecastOptions extends Omit<BacktestOptions, 'minTrain'> {
  /** Event regressors: one row per observation, then one per forecast step (n + h rows). */
  events?: EventTable;
  /** Seed of the simulated ETS intervals. */
  seed?: number;
}

export interface AutoForecast {
  /** Every candidate's and combination's backtest scores. */
  backtest: BacktestResult;
  /** The pick: a candidate's name, 'combination' or 'combination+events'. */
  chosen: string;
  /** Members of the chosen combination, best first (empty for a single candidate). */
  members: string[];
  /** Why this forecast, with its backtest MASE and seasonal naive's. */
  reason: string;
  /** The chosen forecast, refitted on the whole series. */
  forecast: ForecastResult;
  /** Event effects estimated on the whole series, when any event has one. */
  events?: EventEffects;
  /** Set when the chosen forecast could not be made and another was used instead. */
  fallback?: string;
  notes: string[];
}

/** ETS estimates no more than 24 seasonal states (R `ets`); longer seasons go to STL + ETS. */
export const MAX_ETS_SEASON = 24;

const refit = (forecast: Forecaster) => () => forecast;

function etsCandidate(m: number, seed: number): Candidate['fit'] {
  const season = m <= MAX_ETS_SEASON ? m : 1;
  return (train, { paths }) => {
    const { fit } = selectEts(train, { m: season });
    return (y, h) => (fit ? forecastEtsFit(extendEtsFit(fit, y), h, seed, paths) : ets(y, h, { m: season, seed, paths }));
  };
}

/** The model fitted on the event-adjusted series, with the events' effects put back into its forecast. */
function eventAdjusted(base: Candidate['fit'], table: EventTable, m: number): Candidate['fit'] {
  return (train, detail) => {
    const { effects } = estimateEventEffects(train, m, table);
    if (!effects) return base(train, detail);
    const forecaster = base(removeEventEffects(train, effects, table), detail);
    return (y, h) => restoreEventEffects(forecaster(removeEventEffects(y, effects, table), h), effects, table, y.length);
  };
}

/** The candidate set for a series with season m, with the event pool when `events` show an effect. */
export function defaultCandidates(m: number, options: { events?: EventTable; effects?: EventEffects; seed?: number } = {}): Candidate[] {
  const { events, effects, seed = 1 } = options;
  const models: { name: string; fit: Candidate['fit']; seasonal?: boolean }[] = [
    { name: 'snaive', fit: refit((y, h) => seasonalNaive(y, h, m)), seasonal: true },
    { name: 'ets', fit: etsCandidate(m, seed) },
    // Theta is re-estimated at every origin: keeping the first origin's α cost accuracy on M3 (MASE 0.848 → 0.851).
    { name: 'theta', fit: refit((y, h) => theta(y, h, m)) },
    { name: 'stl', fit: (train, { paths }) => stlfForecaster(train, m, { seed, paths }), seasonal: true },
  ];
  const pooled = models.filter((c) => m > 1 || !c.seasonal);
  const candidates: Candidate[] = [
    ...pooled.map((c): Candidate => ({ name: c.name, fit: c.fit, pool: 'plain' })),
    // Without a season, naive is the benchmark seasonal naive would be.
    { name: 'naive', fit: refit((y, h) => naive(y, h)), pool: m > 1 ? 'yardstick' : 'plain' },
    { name: 'drift', fit: refit((y, h) => drift(y, h)), pool: 'yardstick' },
  ];
  if (events && effects) {
    const pool: CandidatePool = 'events';
    for (const c of pooled) candidates.push({ name: `${c.name}+events`, fit: eventAdjusted(c.fit, events, m), pool });
    const columns = effects.columns;
    candidates.push({
      name: 'regression+events',
      pool,
      fit: refit((y, h) =>
        regression(y, h, {
          m,
          regressors: {
            names: columns.map((j) => events.names[j]),
            past: events.rows.slice(0, y.length).map((row) => columns.map((j) => row[j])),
            future: events.rows.slice(y.length, y.length + h).map((row) => columns.map((j) => row[j])),
          },
        }),
      ),
    });
  }
  return candidates;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Backtests the default candidates on y, chooses, and forecasts h steps with the choice refitted on all of y. */
export function autoForecast(y: readonly number[], options: AutoForecastOptions): AutoForecast {
  const { h, m, events, seed = 1 } = options;
  if (events && events.rows.length !== y.length + h) {
    throw new Error(`autoForecast: event table has ${events.rows.length} rows; expected n + h = ${y.length + h}`);
  }
  const notes: string[] = [];
  let effects: EventEffects | undefined;
  if (events) {
    try {
      const estimate = estimateEventEffects(y, m, events);
      effects = estimate.effects;
      notes.push(...estimate.notes);
    } catch (error) {
      notes.push(`events: effects could not be estimated (${message(error)}); none used`);
    }
  }
  if (m > MAX_ETS_SEASON) notes.push(`ets: a season of ${m} is longer than ETS estimates (${MAX_ETS_SEASON}); ETS models the trend, STL + ETS the season`);
  const candidates = defaultCandidates(m, { events, effects, seed });
  const result = backtest(y, candidates, options);
  const choice = chooseForecast(result, candidates);
  result.scores.push(...choice.combinations);
  notes.push(...result.notes);
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const final = new Map<string, ForecastResult>();
  const forecastWith = (name: string): ForecastResult => {
    const known = final.get(name);
    if (known) return known;
    const candidate = byName.get(name);
    if (!candidate) throw new Error(`autoForecast: unknown candidate ${name}`);
    const f = candidate.fit(y, FINAL_DETAIL)(y, h);
    final.set(name, f);
    return f;
  };
  const attempt = (name: string, members: string[]): ForecastResult =>
    members.length > 0 ? combineForecasts(members.map(forecastWith), name) : forecastWith(name);
  try {
    const forecast = widenIntervals(attempt(choice.chosen, choice.members), choice.intervals);
    return { backtest: result, chosen: choice.chosen, members: choice.members, reason: choice.reason, forecast, events: effects, notes };
  } catch (error) {
    // The next candidates by backtest rank, then the benchmarks.
    const why = `${choice.chosen} could not be refitted on the whole series (${message(error)})`;
    const ranked = candidates
      .map((c, i) => ({ name: c.name, key: rankKey(result.scores[i], result.origins.length), pool: c.pool }))
      .filter((r) => r.pool !== 'yardstick' && r.name !== choice.chosen && !choice.members.includes(r.name))
      .sort((a, b) => a.key - b.key)
      .map((r) => r.name);
    for (const name of [...ranked, ...(m > 1 ? ['snaive'] : []), 'naive']) {
      try {
        const forecast = forecastWith(name);
        return { backtest: result, chosen: name, members: [], reason: `${name}: fallback, ${why}`, forecast, events: effects, fallback: why, notes };
      } catch (next) {
        notes.push(`${name} could not be refitted either (${message(next)})`);
      }
    }
    throw new Error(`autoForecast: no candidate could forecast this series: ${why}`);
  }
}

/** The forecast of a series no candidate could handle at all: seasonal naive, else naive, with the reason. */
export function fallbackForecast(y: readonly number[], h: number, m: number, why: string): Pick<AutoForecast, 'chosen' | 'forecast' | 'fallback' | 'reason'> {
  const forecast = m > 1 && y.length >= m ? seasonalNaive(y, h, m) : naive(y, h);
  const chosen = forecast.model;
  return { chosen, forecast, fallback: why, reason: `${chosen}: fallback, ${why}` };
}
