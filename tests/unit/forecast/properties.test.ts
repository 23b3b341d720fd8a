import { autoForecast } from '../../../analytics/forecast/autoForecast';
import { combineForecasts } from '../../../analytics/forecast/backtest';
import { customerBasedForecast } from '../../../analytics/forecast/customerBased';
import { ets } from '../../../analytics/forecast/ets';
import { holidayShares } from './eventFixtures';
import { parsePeriod, periodDays } from '../../../analytics/calendar';
import { mulberry32, normalSampler } from '../../../analytics/random';
import { regression } from '../../../analytics/forecast/regression';
import type { ForecastResult } from '../../../analytics/forecast/result';
import { drift, naive, seasonalNaive } from '../../../analytics/forecast/benchmarks';
import { stlf } from '../../../analytics/forecast/stlf';
import { theta } from '../../../analytics/forecast/theta';

/** Five years of positive monthly sales with trend, season and noise (seeded). */
const normal = normalSampler(mulberry32(42));
const y = Array.from({ length: 60 }, (_, t) => (100 + 1.5 * t) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / 12)) + 4 * normal());
const H = 12;
const months = Array.from({ length: 72 }, (_, k) => `${2019 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const shares = holidayShares(months.map((p) => periodDays(parsePeriod(p))), ['spring_festival', 'mid_autumn']);

const models: [string, () => ForecastResult][] = [
  ...['ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA', 'MNM', 'MAM', 'MAdM'].map(
    (code): [string, () => ForecastResult] => [`ETS ${code}`, () => ets(y, H, { m: 12, model: code })],
  ),
  ['ETS auto', () => ets(y, H, { m: 12 })],
  ['seasonal naive', () => seasonalNaive(y, H, 12)],
  ['naive', () => naive(y, H)],
  ['drift', () => drift(y, H)],
  ['theta', () => theta(y, H, 12)],
  ['regression + holidays', () => regression(y, H, { m: 12, regressors: { names: shares.names, past: shares.values.slice(0, 60), future: shares.values.slice(60) } })],
  ['combination', () => combineForecasts([ets(y, H, { m: 12 }), theta(y, H, 12)])],
  ['automatic choice', () => autoForecast(y, { h: H, m: 12 }).forecast],
  ['STL + ETS', () => stlf(y, H, 12)],
  ['STL + ETS on the log scale', () => stlf(y, H, 12, { log: true })],
  ['customer-based', () => customerBasedForecast([{ segment: 'a', expectedPurchases: (k) => 50 + k, expectedSpend: 80, spendSd: 30 }], H)],
  ['ETS on a constant series', () => ets(new Array(30).fill(5), H, { m: 12 })],
  ['ETS on a short series', () => ets([4, 6, 5, 7, 6, 8], H, { m: 12 })],
];

describe('every forecaster returns one shape with ordered intervals', () => {
  it.each(models)('%s: lo95 ≤ lo80 ≤ mean ≤ hi80 ≤ hi95, all finite', (_, run) => {
    const f = run();
    for (const key of ['mean', 'lo80', 'hi80', 'lo95', 'hi95'] as const) {
      expect(f[key]).toHaveLength(H);
      for (const v of f[key]) expect(Number.isFinite(v)).toBe(true);
    }
    for (let k = 0; k < H; k++) {
      expect(f.lo95[k]).toBeLessThanOrEqual(f.lo80[k]);
      expect(f.lo80[k]).toBeLessThanOrEqual(f.mean[k]);
      expect(f.mean[k]).toBeLessThanOrEqual(f.hi80[k]);
      expect(f.hi80[k]).toBeLessThanOrEqual(f.hi95[k]);
    }
    expect(typeof f.model).toBe('string');
    expect(Array.isArray(f.fitted)).toBe(true);
    for (const v of Object.values(f.params)) expect(Number.isFinite(v)).toBe(true);
  });
});
