import { maseScale, scoreForecast } from '../../../analytics/forecast/accuracy';
import { autoForecast, defaultCandidates } from '../../../analytics/forecast/autoForecast';
import { backtest, Candidate, combineForecasts } from '../../../analytics/forecast/backtest';
import { parseEtsModel } from '../../../analytics/forecast/ets';
import { holidayShares } from '../../../analytics/forecast/holidays';
import { parsePeriod, periodDays } from '../../../analytics/forecast/periods';
import { simulateEts } from '../../../analytics/forecast/etsIntervals';
import { mulberry32, normalSampler } from '../../../analytics/random';
import { naive, seasonalNaive } from '../../../analytics/forecast/benchmarks';

const SEASON = [5, -3, 2, 8, -6, 0, 1, -4, 3, -2, -7, 3].map((s) => 4 * s);
const N = 96;
/** Spring Festival shares of the months 2015-01 … 2023-12 (N + 12 rows). */
const months = Array.from({ length: N + 12 }, (_, k) => `${2015 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const holidays = (() => {
  const { names, values } = holidayShares(months.map((p) => periodDays(parsePeriod(p))), ['spring_festival']);
  return { names, rows: values };
})();

const planted: Record<string, (seed: number) => number[]> = {
  // Deterministic trend + season + Spring Festival effect + white noise: the regression model itself.
  regression: (seed) => {
    const normal = normalSampler(mulberry32(seed));
    return Array.from({ length: N }, (_, t) => 200 + 0.8 * t + SEASON[t % 12] + 150 * holidays.rows[t][0] + 3 * normal());
  },
  // Multiplicative Holt-Winters with a quickly changing season (γ = 0.4), which neither
  // fixed seasonal terms (regression, Theta) nor seasonal naive can follow.
  ets: (seed) =>
    simulateEts(
      parseEtsModel('MAM'),
      { alpha: 0.2, beta: 0.02, gamma: 0.4, phi: 1 },
      { level: 100, trend: 3, season: SEASON.map((s) => 1 + s / 80) },
      0,
      N,
      0.03,
      normalSampler(mulberry32(seed)),
    ),
  // A seasonal random walk: seasonal naive is the optimal forecast.
  snaive: (seed) => {
    const normal = normalSampler(mulberry32(seed));
    const y = SEASON.map((s) => 200 + s);
    while (y.length < N) y.push(y[y.length - 12] + 6 * normal());
    return y;
  },
};

describe('rolling-origin backtest', () => {
  it.each(Object.keys(planted))('picks the planted model on series generated from %s', (name) => {
    const picks = [1, 2, 3, 4, 5].map(
      (seed) => backtest(planted[name](seed), defaultCandidates(12, holidays), { h: 12, m: 12, pickBenchmarks: name === 'snaive' }).chosen,
    );
    expect(picks.filter((p) => p === name).length).toBeGreaterThanOrEqual(4);
  });

  it('scores every candidate and the combination with MASE, sMAPE, MAPE, bias and coverage', () => {
    const result = backtest(planted.regression(9), defaultCandidates(12), { h: 12, m: 12, origins: 4, step: 2 });
    expect(result.origins).toEqual([N - 18, N - 16, N - 14, N - 12]);
    expect(result.scores.map((s) => s.name)).toEqual(['snaive', 'naive', 'drift', 'ets', 'theta', 'regression', 'combination']);
    for (const s of result.scores) {
      for (const v of [s.mase, s.smape, s.mape, s.bias, s.coverage80, s.coverage95]) expect(Number.isFinite(v)).toBe(true);
      expect(s.evaluated).toBe(4);
    }
    // Benchmarks, and a regression without outside regressors, are scored but not picked or combined.
    expect(result.members).toEqual(expect.arrayContaining(['theta', 'ets']));
    expect(result.chosen).not.toBe('regression');
  });

  it('reuses estimates across origins: fits once per candidate, forecasts at each origin', () => {
    let fits = 0;
    let forecasts = 0;
    const counting: Candidate = {
      name: 'counting',
      fit: () => {
        fits++;
        return (y, h) => {
          forecasts++;
          return naive(y, h);
        };
      },
    };
    backtest(planted.ets(1), [counting], { h: 6, m: 12, origins: 5 });
    expect([fits, forecasts]).toEqual([1, 5]);
  });

  it('shortens the horizon for short series and says so; records failures without crashing', () => {
    const failing: Candidate = { name: 'broken', fit: () => () => { throw new Error('boom'); } };
    const result = backtest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [failing, { name: 'naive', fit: () => (y, h) => naive(y, h) }], { h: 6, m: 1 });
    expect(result.horizon).toBe(2);
    expect(result.notes[0]).toMatch(/too short for h = 6/);
    expect(result.scores[0].failures[0]).toMatch(/boom/);
    expect(result.chosen).toBe('naive');
  });

  it('matches hand-computed MASE and sMAPE', () => {
    const train = [10, 12, 14, 16];
    expect(maseScale(train, 1)).toBe(2);
    const s = scoreForecast([20, 20], { ...naive(train, 2), mean: [18, 22] }, 2);
    expect(s.mase).toBe(1);
    expect(s.smape).toBeCloseTo((200 * 2) / 38 / 2 + (200 * 2) / 42 / 2, 12);
    expect(s.bias).toBe(0);
    expect(s.mape).toBe(10);
  });

  it('combines forecasts by averaging means and bounds', () => {
    const y = planted.snaive(3);
    const c = combineForecasts([seasonalNaive(y, 3, 12), naive(y, 3)]);
    expect(c.mean[0]).toBeCloseTo((y[N - 12] + y[N - 1]) / 2, 12);
    expect(c.model).toBe('combination(snaive+naive)');
  });

  it('forecasts with the pick and the combination, refitted on the whole series', () => {
    const y = planted.regression(4);
    const result = autoForecast(y, { h: 12, m: 12, regressors: holidays });
    expect(result.forecast.mean).toHaveLength(12);
    expect(result.combination?.mean).toHaveLength(12);
    expect(result.backtest.chosen).toBe('regression');
    expect(result.forecast.params.spring_festival).toBeGreaterThan(100);
    expect(result.notes.join(' ')).toMatch(/used by the regression candidate only/);
  });
});
