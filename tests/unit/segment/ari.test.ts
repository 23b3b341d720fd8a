import { adjustedRandIndex } from '../../../analytics/segment/ari';

describe('adjustedRandIndex', () => {
  // Expected values from the scikit-learn user guide, "Rand index" / adjusted_rand_score examples,
  // and by hand from Hubert & Arabie's formula.
  it('matches the textbook examples', () => {
    // Contingency [[2, 1, 0], [0, 1, 2]]: Σ C(nij,2) = 2, rows 6, columns 3, C(6,2) = 15 → (2 − 1.2) / (4.5 − 1.2).
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.8 / 3.3, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.571428571, 8);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('is 1 for the same partition under other names, and symmetric', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], ['b', 'b', 'a', 'a', 'c'])).toBe(1);
    const a = [0, 1, 1, 2, 2, 2, 0];
    const b = [1, 1, 0, 2, 2, 0, 0];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 12);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(/1 and 2 items/);
  });
});
