import { customerBasedForecast } from '../../../analytics/forecast/customerBased';
import { Z95 } from '../../../analytics/forecast/result';

describe('customer-based forecast (expected purchases × expected spend, summed)', () => {
  it('sums segments per period', () => {
    const f = customerBasedForecast(
      [
        { segment: 'loyal', expectedPurchases: [10, 20, 30], expectedSpend: 5 },
        { segment: 'new', expectedPurchases: (step) => step, expectedSpend: [100, 200, 300] },
      ],
      3,
    );
    expect(f.mean).toEqual([150, 500, 1050]);
    expect(f.model).toBe('customer-based');
    expect(f.params.segments).toBe(2);
  });

  it('uses the compound-Poisson variance λ(μ² + σ²)', () => {
    const f = customerBasedForecast([{ segment: 'a', expectedPurchases: [100], expectedSpend: 30, spendSd: 40 }], 1);
    // λ(μ² + σ²) = 100 × (900 + 1600) → sd 500
    expect(f.hi95[0] - f.mean[0]).toBeCloseTo(Z95 * 500, 9);
    expect(f.lo95[0]).toBeCloseTo(3000 - Z95 * 500, 9);
    // Revenue cannot be negative: lower bounds are truncated at 0.
    const small = customerBasedForecast([{ segment: 'b', expectedPurchases: [1], expectedSpend: 10 }], 1);
    expect(small.lo95[0]).toBe(0);
  });

  it('rejects missing or negative inputs, naming the segment and step', () => {
    expect(() => customerBasedForecast([{ segment: 'x', expectedPurchases: [1], expectedSpend: 2 }], 2)).toThrow(
      /expected purchases of segment 'x' at step 2/,
    );
    expect(() => customerBasedForecast([{ segment: 'y', expectedPurchases: [1], expectedSpend: -1 }], 1)).toThrow(/expected spend/);
  });
});
