/**
 * Forecast accuracy measures (Hyndman & Koehler 2006, "Another look at measures of
 * forecast accuracy"; FPP3 §5.8), all computed over the steps actually observed:
 * - MASE: mean |error| scaled by the in-sample MAE of the seasonal naive forecast (lag m;
 *   lag 1 when the training part is not longer than one season);
 * - sMAPE: mean 200|f − a|/(|f| + |a|) in percent (0 where both are 0), the M3/M4 form;
 * - MAPE: mean 100|f − a|/|a| in percent over non-zero actuals (NaN when all are 0);
 * - bias: mean (forecast − actual), in the series' units (positive = over-forecast);
 * - coverage: share of actuals inside the 80% and 95% intervals.
 */
import type { ForecastResult } from './result';

export interface AccuracyScores {
  mase: number;
  smape: number;
  mape: number;
  bias: number;
  mae: number;
  coverage80: number;
  coverage95: number;
}

/** MASE denominator: in-sample mean absolute seasonal difference; 0 for a flat series. */
export function maseScale(train: readonly number[], m: number): number {
  const lag = m > 1 && train.length > m ? m : 1;
  let sum = 0;
  for (let t = lag; t < train.length; t++) sum += Math.abs(train[t] - train[t - lag]);
  return train.length > lag ? sum / (train.length - lag) : 0;
}

/**
 * Scores the first `actual.length` steps of a forecast. MASE is NaN when the scale is 0
 * (a flat training series); callers then rank by MAE, which orders models the same way.
 */
export function scoreForecast(actual: readonly number[], forecast: ForecastResult, scale: number): AccuracyScores {
  const k = actual.length;
  let abs = 0;
  let smape = 0;
  let mape = 0;
  let mapeCount = 0;
  let bias = 0;
  let in80 = 0;
  let in95 = 0;
  for (let i = 0; i < k; i++) {
    const a = actual[i];
    const f = forecast.mean[i];
    const error = f - a;
    abs += Math.abs(error);
    bias += error;
    const denominator = Math.abs(f) + Math.abs(a);
    smape += denominator === 0 ? 0 : (200 * Math.abs(error)) / denominator;
    if (a !== 0) {
      mape += (100 * Math.abs(error)) / Math.abs(a);
      mapeCount++;
    }
    if (a >= forecast.lo80[i] && a <= forecast.hi80[i]) in80++;
    if (a >= forecast.lo95[i] && a <= forecast.hi95[i]) in95++;
  }
  return {
    mase: scale > 0 ? abs / k / scale : Number.NaN,
    smape: smape / k,
    mape: mapeCount > 0 ? mape / mapeCount : Number.NaN,
    bias: bias / k,
    mae: abs / k,
    coverage80: in80 / k,
    coverage95: in95 / k,
  };
}

/** Mean of each measure over several scorings, ignoring NaN entries per measure. */
export function averageScores(all: readonly AccuracyScores[]): AccuracyScores {
  const keys: (keyof AccuracyScores)[] = ['mase', 'smape', 'mape', 'bias', 'mae', 'coverage80', 'coverage95'];
  const out = {} as AccuracyScores;
  for (const key of keys) {
    const values = all.map((s) => s[key]).filter((v) => Number.isFinite(v));
    out[key] = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  }
  return out;
}
