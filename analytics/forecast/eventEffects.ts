/**
 * Event effects and event adjustment: how every model can use an event calendar
 * (events.ts), not only the regression.
 *
 * Estimation is a holiday pre-adjustment in the spirit of X-13ARIMA-SEATS' regARIMA
 * (Findley et al. 1998) with STL as the decomposition, by backfitting (Hastie & Tibshirani
 * 1990): STL (stl.ts) of the series without the current event effects gives season S and
 * trend T; the effects β are the least-squares fit of y − S − T on the event shares; three
 * rounds. Positive series are modelled on the log scale, so an effect is a lift (×e^β, e.g.
 * +40 % on the event's days), otherwise in the series' units.
 *
 * Event shares are centred per season position first: an event on the same days every year
 * (National Day in monthly data) is part of the season and carries no separate effect; only
 * its movement between periods (Spring Festival in January or February, a brand day on a
 * new date) can be learned. An event is kept only when its effect is clearly there:
 * |t| ≥ EVENT_T (99 % two-sided), so events that have nothing to do with the data are left
 * out — and then the backtest decides whether the event-adjusted models forecast better.
 */
import { inverse, Matrix, solve } from 'ml-matrix';
import type { EventTable } from './events';
import { type ForecastResult, normalQuantile } from './result';
import { lineFit } from './etsInit';
import { stl } from './stl';

/** Family-wise significance level of the event effects kept. */
export const EVENT_LEVEL = 0.01;

/** |t| an effect must reach when k events are tested: two-sided EVENT_LEVEL, Bonferroni-corrected. */
export function eventThreshold(k: number): number {
  return normalQuantile(1 - EVENT_LEVEL / (2 * Math.max(k, 1)));
}

export interface EventEffects {
  names: string[];
  /** Effect per unit share of the period's days (log lift or level). */
  effect: number[];
  tStat: number[];
  scale: 'log' | 'level';
  /** The event columns (of the table) the effects apply to. */
  columns: number[];
  /** Per-season-position means of those columns in the history, removed before use. */
  centre: number[][];
  m: number;
}

const SMOOTHING_ROUNDS = 3;

/** Ordinary least squares y ~ X (no intercept); coefficients and their t statistics. */
function leastSquares(x: number[][], y: number[]): { beta: number[]; t: number[] } {
  const X = new Matrix(x);
  const Xt = X.transpose();
  const xtx = Xt.mmul(X);
  const beta = solve(xtx, Matrix.columnVector(Xt.mmul(Matrix.columnVector(y)).getColumn(0))).getColumn(0);
  const residuals = y.map((v, i) => v - x[i].reduce((s, xi, j) => s + xi * beta[j], 0));
  const df = Math.max(y.length - beta.length, 1);
  const sigma2 = residuals.reduce((s, e) => s + e * e, 0) / df;
  const covariance = inverse(xtx);
  return { beta, t: beta.map((b, j) => b / Math.sqrt(Math.max(sigma2 * covariance.get(j, j), Number.MIN_VALUE))) };
}

/** Season and trend of a series: STL with two seasons or more, else a straight line. */
function seasonAndTrend(y: readonly number[], m: number): number[] {
  if (m > 1 && y.length >= 2 * m) {
    const { seasonal, trend } = stl(y, m);
    return y.map((_, t) => seasonal[t] + trend[t]);
  }
  const { intercept, slope } = lineFit(y.map((_, t) => t), y);
  return y.map((_, t) => intercept + slope * t);
}

/** Centres the columns per season position over the first n rows; keeps those with variation left. */
function centreColumns(rows: readonly number[][], n: number, m: number): { columns: number[]; centre: number[][] } {
  const k = rows[0]?.length ?? 0;
  const period = m > 1 && n >= 2 * m ? m : 1;
  const columns: number[] = [];
  const centre: number[][] = [];
  for (let j = 0; j < k; j++) {
    const sums = new Array<number>(period).fill(0);
    const counts = new Array<number>(period).fill(0);
    for (let t = 0; t < n; t++) {
      sums[t % period] += rows[t][j];
      counts[t % period]++;
    }
    const means = sums.map((s, p) => s / Math.max(counts[p], 1));
    let spread = 0;
    for (let t = 0; t < n; t++) spread += (rows[t][j] - means[t % period]) ** 2;
    if (spread > 1e-9 * n) {
      columns.push(j);
      centre.push(means);
    }
  }
  return { columns, centre };
}

function centredValue(effects: Pick<EventEffects, 'columns' | 'centre'>, row: readonly number[], t: number, i: number): number {
  const means = effects.centre[i];
  return row[effects.columns[i]] - means[t % means.length];
}

/**
 * Estimates the effects of the table's events on the first y.length periods. Returns no
 * effects, with a note saying why, when no event shows a clear effect.
 */
export function estimateEventEffects(y: readonly number[], m: number, table: EventTable): { effects?: EventEffects; notes: string[] } {
  const n = y.length;
  if (table.rows.length < n) throw new Error(`estimateEventEffects: ${table.rows.length} event rows for ${n} observations`);
  const scale: EventEffects['scale'] = y.every((v) => v > 0) ? 'log' : 'level';
  const z = scale === 'log' ? y.map(Math.log) : [...y];
  let { columns, centre } = centreColumns(table.rows, n, m);
  if (columns.length === 0) return { notes: ['events: no event varies beyond the season in the history; none used'] };
  // Effects need residual degrees of freedom: at most one column per 4 observations.
  if (columns.length > n / 4) return { notes: [`events: ${columns.length} events for ${n} observations are too many to estimate; none used`] };
  const threshold = eventThreshold(columns.length);
  let effect = new Array<number>(columns.length).fill(0);
  let tStat = new Array<number>(columns.length).fill(0);
  for (let round = 0; round < SMOOTHING_ROUNDS; round++) {
    const design = Array.from({ length: n }, (_, t) => columns.map((_, i) => centredValue({ columns, centre }, table.rows[t], t, i)));
    const adjusted = z.map((v, t) => v - design[t].reduce((s, x, i) => s + x * effect[i], 0));
    const base = seasonAndTrend(adjusted, m);
    const fit = leastSquares(design, z.map((v, t) => v - base[t]));
    effect = fit.beta;
    tStat = fit.t;
    const clear = tStat.map((t, i) => (Math.abs(t) >= threshold ? i : -1)).filter((i) => i >= 0);
    if (clear.length === 0) {
      return { notes: [`events: none shows a clear effect in the history (|t| < ${threshold.toFixed(2)} for ${columns.length} tested); none used`] };
    }
    if (clear.length < columns.length) {
      columns = clear.map((i) => columns[i]);
      centre = clear.map((i) => centre[i]);
      effect = clear.map((i) => effect[i]);
      tStat = clear.map((i) => tStat[i]);
    }
  }
  const names = columns.map((j) => table.names[j]);
  const shown = names.map((name, i) => `${name} ${scale === 'log' ? `${((Math.exp(effect[i]) - 1) * 100).toFixed(0)} %` : effect[i].toPrecision(3)} (t = ${tStat[i].toFixed(1)})`);
  return { effects: { names, effect, tStat, scale, columns, centre, m }, notes: [`events: effects per full period of event days: ${shown.join(', ')}`] };
}

/** The combined event effect of period t (log lift or level). */
function effectAt(effects: EventEffects, row: readonly number[], t: number): number {
  return effects.effect.reduce((s, b, i) => s + b * centredValue(effects, row, t, i), 0);
}

/** The series with the event effects taken out. */
export function removeEventEffects(y: readonly number[], effects: EventEffects, table: EventTable): number[] {
  return y.map((v, t) => {
    const e = effectAt(effects, table.rows[t], t);
    return effects.scale === 'log' ? v / Math.exp(e) : v - e;
  });
}

/** A forecast from periods n.. of an event-adjusted series, with the event effects put back. */
export function restoreEventEffects(forecast: ForecastResult, effects: EventEffects, table: EventTable, n: number): ForecastResult {
  const put = (values: number[]) =>
    values.map((v, k) => {
      const e = effectAt(effects, table.rows[n + k], n + k);
      return effects.scale === 'log' ? v * Math.exp(e) : v + e;
    });
  const fitted = forecast.fitted.map((v, t) => (Number.isFinite(v) ? (effects.scale === 'log' ? v * Math.exp(effectAt(effects, table.rows[t], t)) : v + effectAt(effects, table.rows[t], t)) : v));
  return {
    ...forecast,
    model: `${forecast.model}+events`,
    mean: put(forecast.mean),
    lo80: put(forecast.lo80),
    hi80: put(forecast.hi80),
    lo95: put(forecast.lo95),
    hi95: put(forecast.hi95),
    fitted,
  };
}
