import { averageAnnualSpend, simpleClv } from '../../../analytics/clv/simple';

describe('simpleClv (SPEC §5)', () => {
  it('is spend × lifetime × margin − CAC: 5000 × 3 × 1 − 1000 = 14000, with the inputs shown', () => {
    expect(simpleClv({ averageAnnualSpend: 5000, expectedLifetimeYears: 3, acquisitionCost: 1000 })).toEqual({
      averageAnnualSpend: 5000,
      expectedLifetimeYears: 3,
      margin: 1,
      acquisitionCost: 1000,
      clv: 14000,
    });
    // 5000 × 3 × 0.4 − 1000 = 5000
    expect(simpleClv({ averageAnnualSpend: 5000, expectedLifetimeYears: 3, margin: 0.4, acquisitionCost: 1000 }).clv).toBeCloseTo(5000, 10);
  });

  it('rejects negative inputs and margins outside [0, 1]', () => {
    expect(() => simpleClv({ averageAnnualSpend: -1, expectedLifetimeYears: 3 })).toThrow('simpleClv: averageAnnualSpend must be a non-negative number, got -1');
    expect(() => simpleClv({ averageAnnualSpend: 1, expectedLifetimeYears: 3, margin: 2 })).toThrow('simpleClv: margin must be in [0, 1], got 2');
  });
});

describe('averageAnnualSpend', () => {
  it('divides spend by the years since the first purchase, counting at least one year', () => {
    // 9000 over 730.5 days = two Julian years → 4500 a year
    expect(averageAnnualSpend(9000, 730.5)).toBe(4500);
    // a week-old customer: 500 is that year's spend, not 52 × 500
    expect(averageAnnualSpend(500, 7)).toBe(500);
    // exactly one year
    expect(averageAnnualSpend(1200, 365.25)).toBe(1200);
  });

  it('rejects negative spend and ages', () => {
    expect(() => averageAnnualSpend(-1, 10)).toThrow('averageAnnualSpend: totalSpend must be a non-negative number, got -1');
    expect(() => averageAnnualSpend(1, Number.NaN)).toThrow('averageAnnualSpend: daysSinceFirstPurchase must be a non-negative number, got NaN');
  });
});
