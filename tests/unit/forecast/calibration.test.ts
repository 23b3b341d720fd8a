import { calibrationFactors, widenIntervals } from '../../../analytics/forecast/calibration';
import type { ForecastResult } from '../../../analytics/forecast/result';

const forecast = (mean: number[]): ForecastResult => ({
  model: 'test',
  mean,
  lo80: mean.map((m) => m - 1),
  hi80: mean.map((m) => m + 1),
  lo95: mean.map((m) => m - 2),
  hi95: mean.map((m) => m + 2),
  fitted: [],
  params: {},
});

describe('interval calibration by the backtest', () => {
  it('widens half-way to what would have covered the backtest errors (hand-computed)', () => {
    // One error of 3 against half-widths 1 (80 %) and 2 (95 %): ratios 3 and 1.5, shrunk half-way to 1.
    expect(calibrationFactors([forecast([10])], [[13]])).toEqual({ k80: 2, k95: 1.25 });
    const wide = widenIntervals(forecast([10]), { k80: 2, k95: 1.25 });
    expect([wide.lo95[0], wide.lo80[0], wide.mean[0], wide.hi80[0], wide.hi95[0]]).toEqual([7.5, 8, 10, 12, 12.5]);
  });

  it('never narrows: errors inside the intervals leave them as they are', () => {
    const f = forecast([10, 20]);
    const factors = calibrationFactors([f, f], [[10.5, 19.5], [10, 20.2]]);
    expect(factors).toEqual({ k80: 1, k95: 1 });
    expect(widenIntervals(f, factors)).toBe(f);
  });

  it('keeps the 95 % interval at least as wide as the widened 80 % one', () => {
    const wide = widenIntervals(forecast([0]), { k80: 3, k95: 1 });
    expect(wide.hi80[0]).toBe(3);
    expect(wide.hi95[0]).toBe(3);
    expect(wide.lo95[0]).toBe(-3);
  });
});
