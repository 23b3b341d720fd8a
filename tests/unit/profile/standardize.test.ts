import { applyScaler, fitMinMax, fitZScore } from '../../../analytics/profile/standardize';

describe('standardize', () => {
  const rows = [[1, 10, 5], [2, 20, 5], [3, 60, 5]];

  it('z-scores with the population sd and reuses the fit on new rows', () => {
    const scaler = fitZScore(rows);
    // Column 0: mean 2, sd √(2/3); column 1: mean 30, sd √((400 + 100 + 900) / 3).
    expect(scaler.means).toEqual([2, 30, 5]);
    expect(scaler.sds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(scaler.sds[1]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    const [z] = applyScaler(scaler, [[4, 30, 7]]);
    expect(z[0]).toBeCloseTo(2 / Math.sqrt(2 / 3), 12);
    expect(z[1]).toBe(0);
    expect(z[2]).toBe(0); // constant column → 0, not NaN
  });

  it('min-max scales to [0, 1] on the fitting rows', () => {
    const scaler = fitMinMax(rows);
    expect(scaler).toEqual({ kind: 'minmax', mins: [1, 10, 5], maxs: [3, 60, 5] });
    expect(applyScaler(scaler, rows)).toEqual([[0, 0, 0], [0.5, 0.2, 0], [1, 1, 0]]);
  });

  it('rejects ragged rows', () => {
    expect(() => fitZScore([[1, 2], [3]])).toThrow(/row 1 has 1 columns/);
    expect(() => applyScaler(fitMinMax(rows), [[1]])).toThrow(/applyScaler/);
  });
});
