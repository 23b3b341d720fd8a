/**
 * STL + ETS ("stlf", Hyndman & Athanasopoulos FPP3 §13.1; R `forecast::stlf`, statsforecast
 * `MSTL` with an `AutoETS` trend): the series is decomposed by STL (stl.ts), the seasonally
 * adjusted part y − S is forecast by a non-seasonal ETS chosen by AICc, and the last
 * season of S is added back (seasonal naive of the seasonal component). This is how long
 * seasons are forecast — weekly data has m = 52, where ETS cannot estimate 51 seasonal
 * states — and it is a candidate for monthly data too.
 *
 * Strictly positive data with a season that grows with the level is decomposed on the log
 * scale (R's `lambda = 0`); the forecast is transformed back with the bias adjustment
 * exp(μ + σ²/2) of FPP3 §5.6 for the mean, the interval bounds as quantiles (exp of bounds).
 * Intervals treat the seasonal component as known, as `stlf` does.
 */
import type { Forecaster } from './backtest';
import { ets, extendEtsFit, forecastEtsFit, selectEts } from './ets';
import { assertForecastInput, ForecastResult, Z95 } from './result';
import { stl } from './stl';

export interface StlfOptions {
  /** Decompose log(y) (positive data only). */
  log?: boolean;
  seasonalWindow?: number;
  seed?: number;
  /** Sample paths of simulated intervals (see ets.ts). */
  paths?: number;
}

/**
 * Estimates on `train` (STL, then the non-seasonal ETS of its adjusted series, chosen by
 * AICc) and returns a forecaster that re-decomposes a longer history and runs the same ETS
 * model over it without re-estimation (backtest.ts).
 */
export function stlfForecaster(train: readonly number[], m: number, options: StlfOptions = {}): Forecaster {
  const log = options.log ?? false;
  const decompose = (y: readonly number[]) => {
    if (m < 2 || y.length < 2 * m) throw new Error(`stlf: needs a season (m ≥ 2) and two seasons of data, has m = ${m}, n = ${y.length}`);
    if (log && y.some((v) => v <= 0)) throw new Error('stlf: the log scale needs positive data');
    const scaled = log ? y.map(Math.log) : [...y];
    const { seasonal } = stl(scaled, m, { seasonalWindow: options.seasonalWindow });
    return { seasonal, adjusted: scaled.map((v, t) => v - seasonal[t]) };
  };
  const { fit } = selectEts(decompose(train).adjusted, { m: 1 });
  return (y, h) => {
    assertForecastInput('stlf', y, h, m);
    const n = y.length;
    const { seasonal, adjusted } = decompose(y);
    const trend = fit ? forecastEtsFit(extendEtsFit(fit, adjusted), h, options.seed, options.paths) : ets(adjusted, h, { m: 1, seed: options.seed, paths: options.paths });
    const seasonAt = (k: number) => seasonal[n - m + (k % m)];
    const back = (values: number[]) => values.map((v, k) => (log ? Math.exp(v + seasonAt(k)) : v + seasonAt(k)));
    // On the log scale the mean is bias-adjusted, exp(μ + v/2) (FPP3 §5.6), v the h-step
    // variance recovered from the normal 95% interval of the ETS forecast.
    const mean = trend.mean.map((v, k) => {
      if (!log) return v + seasonAt(k);
      const sd = (trend.hi95[k] - trend.lo95[k]) / (2 * Z95);
      return Math.exp(v + seasonAt(k) + (sd * sd) / 2);
    });
    return {
      model: `STL${log ? '(log)' : ''}+${trend.model}`,
      mean,
      lo80: back(trend.lo80),
      hi80: back(trend.hi80),
      lo95: back(trend.lo95),
      hi95: back(trend.hi95),
      fitted: trend.fitted.map((v, t) => (log ? Math.exp(v + seasonal[t]) : v + seasonal[t])),
      params: { ...trend.params, m, log: log ? 1 : 0 },
      ...(trend.notes ? { notes: trend.notes } : {}),
    };
  };
}

/** STL + ETS forecast of y, h steps ahead. */
export function stlf(y: readonly number[], h: number, m: number, options: StlfOptions = {}): ForecastResult {
  return stlfForecaster(y, m, options)(y, h);
}
