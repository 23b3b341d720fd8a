/** The forecast of a period observed in part: observed to date + the model's forecast of the rest, worked out by hand. */
import { completedFirstStep, shareToDate } from '../../../analytics/forecast/partialPeriod';
import type { ForecastResult } from '../../../analytics/forecast/result';

const model: ForecastResult = { model: 'stl', mean: [100, 90], lo80: [80, 70], hi80: [120, 110], lo95: [70, 60], hi95: [130, 120], fitted: [], params: {} };

describe('shareToDate', () => {
  it('pools the earlier periods: Σ to date / Σ total', () => {
    // (60 + 90) / (100 + 200) = 0.5, not the mean of 0.6 and 0.45 (0.525).
    expect(shareToDate([{ toDate: 60, total: 100 }, { toDate: 90, total: 200 }])).toBe(0.5);
    expect(shareToDate([{ toDate: 22, total: 30 }])).toBeCloseTo(22 / 30, 12);
  });

  it('is undefined without a positive total and kept within [0, 1]', () => {
    expect(shareToDate([])).toBeUndefined();
    expect(shareToDate([{ toDate: 0, total: 0 }])).toBeUndefined();
    expect(shareToDate([{ toDate: 5, total: -3 }])).toBeUndefined();
    // Returns after the to-date days leave the period's total below its first days'.
    expect(shareToDate([{ toDate: 120, total: 100 }])).toBe(1);
    expect(shareToDate([{ toDate: -10, total: 100 }])).toBe(0);
  });
});

describe('completedFirstStep', () => {
  it('replaces the first step with observed + (1 − share) × the model, bounds alike, later steps unchanged', () => {
    // 70 observed, a quarter of the period to come: 70 + 0.25 × 100 = 95; 80 → 90, 120 → 100, 70 → 87.5, 130 → 102.5.
    const result = completedFirstStep(model, 70, 0.75, '2026-11 (observed to 2026-11-22)');
    expect(result.mean).toEqual([95, 90]);
    expect(result.lo80).toEqual([90, 70]);
    expect(result.hi80).toEqual([100, 110]);
    expect(result.lo95).toEqual([87.5, 60]);
    expect(result.hi95).toEqual([102.5, 120]);
    expect(result.notes).toEqual(['first step 2026-11 (observed to 2026-11-22): 70 observed + 25.0 % of the model\'s 100 for the days still to come']);
    expect(model.mean).toEqual([100, 90]); // the input is not changed
  });

  it('never forecasts a period below what it holds to date, however low the model', () => {
    // A model that misses a peak already observed (the whole month forecast at 60 when 95 are in): 95 + 0.2 × 60 = 107.
    const low: ForecastResult = { ...model, mean: [60], lo80: [40], hi80: [80], lo95: [30], hi95: [90] };
    const result = completedFirstStep(low, 95, 0.8, '2026-11');
    expect(result.mean[0]).toBeCloseTo(107, 12);
    expect(result.lo95[0]).toBeGreaterThanOrEqual(95);
    // Fully observed to date (share 1): the observed figure alone.
    expect(completedFirstStep(low, 95, 1, '2026-11').mean).toEqual([95]);
  });

  it('rejects a share outside [0, 1]', () => {
    expect(() => completedFirstStep(model, 70, 1.2, '2026-11')).toThrow('share to date must be in [0, 1], got 1.2');
    expect(() => completedFirstStep(model, 70, Number.NaN, '2026-11')).toThrow('got NaN');
  });
});
