import { calibrationFactors, widenIntervals } from '../../../analytics/forecast/calibration';
import { truncatedAtZero, type ForecastResult } from '../../../analytics/forecast/result';

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

describe('truncation at zero of a measure that cannot be negative', () => {
  it('floors the mean and every bound at zero and says how many were below it', () => {
    // Means 0.5 and 3 with bounds ±1 (80 %) and ±2 (95 %): lo80 −0.5 and lo95 −1.5 at the first step only.
    const truncated = truncatedAtZero(forecast([0.5, 3]));
    expect(truncated).toMatchObject({ mean: [0.5, 3], lo80: [0, 2], hi80: [1.5, 4], lo95: [0, 1], hi95: [2.5, 5] });
    expect(truncated.notes).toEqual(['2 forecast value(s) or lower bound(s) below zero truncated at zero: the measure cannot be negative']);
    // A negative mean floors too (3 below zero: the mean and both lower bounds).
    expect(truncatedAtZero(forecast([-0.5])).mean).toEqual([0]);
    expect(truncatedAtZero(forecast([-0.5])).notes).toEqual(['3 forecast value(s) or lower bound(s) below zero truncated at zero: the measure cannot be negative']);
  });

  it('returns a forecast with nothing below zero as it was', () => {
    const f = forecast([5, 6]);
    expect(truncatedAtZero(f)).toBe(f);
  });
});
