import { simpleClv } from '../../../analytics/clv/simple';

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
