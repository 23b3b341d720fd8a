import { maseScale, scoreForecast } from '../../../analytics/forecast/accuracy';
import { autoForecast, defaultCandidates } from '../../../analytics/forecast/autoForecast';
import { backtest, Candidate, chooseForecast, combineForecasts, POOL_TOLERANCE } from '../../../analytics/forecast/backtest';
import { parseEtsModel } from '../../../analytics/forecast/ets';
import { eventTable } from '../../../analytics/forecast/events';
import { simulateEts } from '../../../analytics/forecast/etsIntervals';
import { parsePeriod } from '../../../analytics/calendar';
import { naive, seasonalNaive } from '../../../analytics/forecast/benchmarks';
import { mulberry32, normalSampler } from '../../../analytics/random';

const SEASON = [5, -3, 2, 8, -6, 0, 1, -4, 3, -2, -7, 3].map((s) => 4 * s);
const N = 96;

/** Multiplicative Holt-Winters with a quickly changing season (γ = 0.4). */
const holtWinters = (seed: number) =>
  simulateEts(parseEtsModel('MAM'), { alpha: 0.2, beta: 0.02, gamma: 0.4, phi: 1 }, { level: 100, trend: 3, season: SEASON.map((s) => 1 + s / 80) }, 0, N, 0.03, normalSampler(mulberry32(seed)));

/** A seasonal random walk: seasonal naive is the optimal forecast. */
const seasonalRandomWalk = (seed: number) => {
  const normal = normalSampler(mulberry32(seed));
  const y = SEASON.map((s) => 200 + s);
  while (y.length < N) y.push(y[y.length - 12] + 6 * normal());
  return y;
};

/** A forecaster that always says `value` (known errors against known actuals). */
const constant = (name: string, value: number): Candidate => ({
  name,
  pool: 'plain',
  fit: () => (y, h) => ({ ...naive(y, h), model: name, mean: new Array<number>(h).fill(value) }),
});

describe('rolling-origin backtest and the choice rule', () => {
  it('scores every candidate with MASE, sMAPE, MAPE, bias and coverage, and the pooled combination', () => {
    const y = holtWinters(9);
    const candidates = defaultCandidates(12);
    const result = backtest(y, candidates, { h: 12, m: 12, origins: 4, step: 2 });
    expect(result.origins).toEqual([N - 18, N - 16, N - 14, N - 12]);
    expect(result.scores.map((s) => s.name)).toEqual(['snaive', 'ets', 'theta', 'stl', 'naive', 'drift']);
    for (const s of result.scores) {
      for (const v of [s.mase, s.smape, s.mape, s.bias, s.coverage80, s.coverage95]) expect(Number.isFinite(v)).toBe(true);
      expect(s.evaluated).toBe(4);
    }
    const choice = chooseForecast(result, candidates);
    // A pool of two or more is scored as 'combination'; a candidate standing alone is not.
    expect(choice.combinations.map((c) => c.name)).toEqual(choice.members.length > 1 ? ['combination'] : []);
    // Yardsticks (naive, drift) are scored but never pooled.
    const members = choice.members.length ? choice.members : [choice.chosen];
    for (const name of members) expect(['snaive', 'ets', 'theta', 'stl']).toContain(name);
    expect(choice.reason).toMatch(/seasonal naive \d\.\d{3}/);
  });

  it('pools the candidates within 40 % of the best backtest MASE, and lets one stand alone when all others are further off', () => {
    // A history alternating 90, 110 (MASE scale 20); a constant v has MAE max(10, |v − 100|) on the last two.
    const y = Array.from({ length: 40 }, (_, t) => (t % 2 === 0 ? 90 : 110));
    const run = (values: number[]) => {
      const candidates = values.map((v, i) => constant(`c${i}`, v));
      return chooseForecast(backtest(y, candidates, { h: 2, m: 1, origins: 1 }), candidates);
    };
    expect(POOL_TOLERANCE).toBe(0.4);
    // MAE 10, 12, 13, 15: the first three are within 40 % of 10 (≤ 14), the fourth is not.
    const close = run([100, 112, 113, 115]);
    expect(close.chosen).toBe('combination');
    expect(close.members).toEqual(['c0', 'c1', 'c2']);
    expect(close.reason).toMatch(/mean of the 3 candidates within 40 % of the best backtest MASE \(c0 0\.500, c1 0\.600, c2 0\.650\)/);
    // MAE 10 against 15 and 40: c0 alone.
    const clear = run([100, 115, 140]);
    expect(clear.chosen).toBe('c0');
    expect(clear.members).toEqual([]);
    expect(clear.reason).toMatch(/every other candidate's backtest MASE is more than 40 % higher/);
  });

  it('lets seasonal naive take part, and on a seasonal random walk the choice is no worse than seasonal naive', () => {
    let choiceMase = 0;
    let snaiveMase = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const y = seasonalRandomWalk(seed);
      const result = autoForecast(y, { h: 12, m: 12 });
      const mase = (name: string) => result.backtest.scores.find((s) => s.name === name)?.mase ?? Number.NaN;
      choiceMase += mase(result.chosen);
      snaiveMase += mase('snaive');
      expect([result.chosen, ...result.members]).toContain('snaive');
    }
    expect(choiceMase).toBeLessThanOrEqual(snaiveMase * 1.05);
  });

  it('reuses estimates across origins: fits once per candidate, forecasts at each origin', () => {
    let fits = 0;
    let forecasts = 0;
    const counting: Candidate = {
      name: 'counting',
      pool: 'plain',
      fit: () => {
        fits++;
        return (y, h) => {
          forecasts++;
          return naive(y, h);
        };
      },
    };
    backtest(holtWinters(1), [counting], { h: 6, m: 12, origins: 5 });
    expect([fits, forecasts]).toEqual([1, 5]);
  });

  it('shortens the horizon for short series and says so; records failures without crashing', () => {
    const failing: Candidate = { name: 'broken', pool: 'plain', fit: () => () => { throw new Error('boom'); } };
    const candidates: Candidate[] = [failing, { name: 'naive', pool: 'plain', fit: () => (y, h) => naive(y, h) }];
    const result = backtest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], candidates, { h: 6, m: 1 });
    expect(result.horizon).toBe(2);
    expect(result.notes[0]).toMatch(/too short for h = 6/);
    expect(result.scores[0].failures[0]).toMatch(/boom/);
    expect(chooseForecast(result, candidates).chosen).toBe('naive');
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
    const y = seasonalRandomWalk(3);
    const c = combineForecasts([seasonalNaive(y, 3, 12), naive(y, 3)]);
    expect(c.mean[0]).toBeCloseTo((y[N - 12] + y[N - 1]) / 2, 12);
    expect(c.model).toBe('combination(snaive+naive)');
  });

  it('refits the choice on the whole series, and falls back to the next candidate when that fails', () => {
    const y = holtWinters(4);
    const result = autoForecast(y, { h: 12, m: 12 });
    expect(result.forecast.mean).toHaveLength(12);
    expect(result.fallback).toBeUndefined();
    expect(result.reason.length).toBeGreaterThan(20);
    // A series that every model but the benchmarks chokes on is still forecast.
    const tiny = autoForecast([5, 7], { h: 3, m: 12 });
    expect(tiny.forecast.mean).toHaveLength(3);
    for (const v of tiny.forecast.mean) expect(Number.isFinite(v)).toBe(true);
  });

  it('forecasts a series dated before 1901 without error (no built-in events there)', () => {
    const start = parsePeriod('1856-01').ordinal;
    const y = holtWinters(6);
    const series = { kind: 'month' as const, start, step: 1, values: y };
    // The calendar has nothing for 1856–1864; the forecast runs as without events.
    const { table, notes } = eventTable(series, 12, { builtin: true });
    expect(table).toBeUndefined();
    expect(notes.join(' ')).toMatch(/no built-in events/);
    const result = autoForecast(y, { h: 12, m: 12, events: table });
    const plain = autoForecast(y, { h: 12, m: 12 });
    expect(result.forecast.mean).toEqual(plain.forecast.mean);
  });
});
