import { drift, naive, seasonalNaive } from '../../../analytics/forecast/benchmarks';
import { Z80, Z95 } from '../../../analytics/forecast/result';

describe('seasonal naive, naive, drift (FPP3 §5.2, Table 5.2)', () => {
  const y = [10, 20, 30, 40, 12, 22, 32, 42];

  it('repeats the last season exactly', () => {
    const f = seasonalNaive(y, 6, 4);
    expect(f.mean).toEqual([12, 22, 32, 42, 12, 22]);
    expect(f.fitted).toEqual([NaN, NaN, NaN, NaN, 10, 20, 30, 40]);
    expect(f.model).toBe('snaive');
  });

  it('widens the interval once per completed season: variance σ²(⌊(h−1)/m⌋ + 1)', () => {
    // Residuals y_t − y_{t−4} are all 2, so σ = 2.
    const f = seasonalNaive(y, 6, 4);
    expect(f.params.sigma).toBeCloseTo(2, 12);
    expect(f.hi80[0] - f.mean[0]).toBeCloseTo(Z80 * 2, 12);
    expect(f.hi80[3] - f.mean[3]).toBeCloseTo(Z80 * 2, 12);
    expect(f.hi95[4] - f.mean[4]).toBeCloseTo(Z95 * 2 * Math.SQRT2, 12);
  });

  it('falls back to naive, with a note, below one season', () => {
    const f = seasonalNaive([1, 2, 3], 2, 12);
    expect(f.mean).toEqual([3, 3]);
    expect(f.notes?.[0]).toMatch(/fewer than one season/);
  });

  it('naive carries the last value with variance σ²h', () => {
    const f = naive([1, 3, 5], 3);
    expect(f.mean).toEqual([5, 5, 5]);
    expect(f.hi80[2] - f.mean[2]).toBeCloseTo(Z80 * 2 * Math.sqrt(3), 12);
  });

  it('drift extends the first-to-last slope with variance σ²h(1 + h/T)', () => {
    const f = drift([1, 3, 5, 9], 2);
    expect(f.params.drift).toBeCloseTo(8 / 3, 12);
    expect(f.mean[1]).toBeCloseTo(9 + 16 / 3, 12);
    const sigma = f.params.sigma;
    expect(f.hi95[1] - f.mean[1]).toBeCloseTo(Z95 * sigma * Math.sqrt(2 * (1 + 2 / 4)), 12);
  });

  it('rejects non-finite values and bad horizons by name', () => {
    expect(() => seasonalNaive([1, NaN], 1, 1)).toThrow(/seasonalNaive: value 1/);
    expect(() => naive([1], 0)).toThrow(/naive: horizon/);
  });
});
