import { holidayShares } from './eventFixtures';
import { parsePeriod, periodDays } from '../../../analytics/calendar';
import { mulberry32, normalSampler } from '../../../analytics/random';
import { regression } from '../../../analytics/forecast/regression';

/** Monthly periods 2012-01 … 2023-12 plus 12 future months, with holiday shares. */
function monthlyDesign() {
  const labels: string[] = [];
  for (let year = 2012; year <= 2024; year++) for (let month = 1; month <= 12; month++) labels.push(`${year}-${String(month).padStart(2, '0')}`);
  const shares = holidayShares(labels.map((l) => periodDays(parsePeriod(l))), ['spring_festival', 'mid_autumn', 'national_day']);
  return { n: 144, h: 12, shares };
}

describe('regression with trend, season and holiday regressors (FPP3 ch. 7)', () => {
  const SEASON = [0, -30, 10, 20, 15, 5, -5, -10, 0, 25, 40, 60];
  const { n, h, shares } = monthlyDesign();
  const truth = (t: number) =>
    1000 + 3 * t + SEASON[t % 12] + 400 * shares.values[t][0] + 150 * shares.values[t][1];
  const regressors = { names: shares.names, past: shares.values.slice(0, n), future: shares.values.slice(n) };

  it('recovers planted holiday effects exactly without noise', () => {
    const y = Array.from({ length: n }, (_, t) => truth(t));
    const f = regression(y, h, { m: 12, regressors });
    expect(f.params.spring_festival).toBeCloseTo(400, 6);
    expect(f.params.mid_autumn).toBeCloseTo(150, 6);
    expect(f.params.trend).toBeCloseTo(3, 8);
    f.mean.forEach((v, k) => expect(v).toBeCloseTo(truth(n + k), 6));
  });

  it('recovers them within sampling error under noise, and says why National Day was dropped', () => {
    const normal = normalSampler(mulberry32(11));
    const y = Array.from({ length: n }, (_, t) => truth(t) + 4 * normal());
    const f = regression(y, h, { m: 12, regressors });
    // Shares vary little from year to year (≤ 8/31), so the standard errors are ~10.
    expect(Math.abs(f.params.spring_festival - 400)).toBeLessThan(40);
    expect(Math.abs(f.params.mid_autumn - 150)).toBeLessThan(40);
    expect(f.params.sigma).toBeGreaterThan(3);
    expect(f.params.sigma).toBeLessThan(5);
    // 7 of October's 31 days every year: an October dummy in disguise.
    expect(f.params.national_day).toBeUndefined();
    expect(f.notes).toEqual([expect.stringMatching(/'national_day' dropped: no variation beyond trend and season/)]);
  });

  it('widens intervals with leverage and uses t quantiles', () => {
    const normal = normalSampler(mulberry32(5));
    const y = Array.from({ length: 30 }, (_, t) => 10 + 0.5 * t + normal());
    const f = regression(y, 24, { m: 1 });
    const width = f.hi95.map((v, k) => v - f.lo95[k]);
    for (let k = 1; k < 24; k++) expect(width[k]).toBeGreaterThan(width[k - 1]);
    // At least the t(28) quantile times σ, more than the normal one.
    expect(width[0] / 2 / f.params.sigma).toBeGreaterThan(2.048);
  });

  it('uses Fourier terms for long seasons and checks regressor rows', () => {
    const y = Array.from({ length: 156 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * (t + 1)) / 52));
    const f = regression(y, 4, { m: 52, fourierTerms: 2 });
    expect(f.params.sin1).toBeCloseTo(10, 8);
    expect(f.params.cos2).toBeCloseTo(0, 8);
    expect(() => regression(y, 4, { regressors: { names: ['x'], past: [[1]], future: [] } })).toThrow(/regressors have 1 past/);
  });
});
