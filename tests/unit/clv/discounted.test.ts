import { conditionalExpectedPurchases } from '../../../analytics/clv/bgnbd';
import { discountedClv, UNITS_PER_YEAR } from '../../../analytics/clv/discounted';
import { expectedAverageSpend } from '../../../analytics/clv/gammaGamma';

// CDNOW estimates (FHL 2005): BG/NBD and Gamma-Gamma.
const BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, v: 15.44 };
const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };

describe('discountedClv', () => {
  it('sums discounted increments of expected purchases × expected spend × margin (hand-worked, 2 weeks)', () => {
    const E1 = conditionalExpectedPurchases(BGNBD, 1, 2, 30.43, 38.86);
    const E2 = conditionalExpectedPurchases(BGNBD, 2, 2, 30.43, 38.86);
    const spend = expectedAverageSpend(GG, 2, 22.35);
    const perWeek = 1.1 ** (7 / 365.25); // 10 % a year as a weekly factor
    const expected = (0.3 * spend * E1) / perWeek + (0.3 * spend * (E2 - E1)) / perWeek ** 2;
    expect(discountedClv(BGNBD, GG, customer, { horizon: 2, annualDiscountRate: 0.1, timeUnit: 'week', margin: 0.3 })).toBeCloseTo(expected, 12);
  });

  it('without discounting telescopes to E[Y(H)] × E[M]', () => {
    const undiscounted = discountedClv(BGNBD, GG, customer, { horizon: 52, annualDiscountRate: 0, timeUnit: 'week' });
    const expected = conditionalExpectedPurchases(BGNBD, 52, 2, 30.43, 38.86) * expectedAverageSpend(GG, 2, 22.35);
    expect(undiscounted).toBeCloseTo(expected, 10);
    expect(discountedClv(BGNBD, GG, customer, { horizon: 52, annualDiscountRate: 0.1, timeUnit: 'week' })).toBeLessThan(undiscounted);
  });

  it('gives the same value in days as in weeks once α is rescaled (α_day = 7 α_week)', () => {
    const inDays = discountedClv({ ...BGNBD, alpha: 7 * BGNBD.alpha }, GG, { frequency: 2, recency: 213, T: 272, monetaryValue: 22.35 }, {
      horizon: 364,
      annualDiscountRate: 0,
      timeUnit: 'day',
    });
    const inWeeks = discountedClv(BGNBD, GG, { ...customer, recency: 213 / 7, T: 272 / 7 }, { horizon: 52, annualDiscountRate: 0, timeUnit: 'week' });
    expect(inDays).toBeCloseTo(inWeeks, 10);
    expect(UNITS_PER_YEAR.week * 7).toBeCloseTo(UNITS_PER_YEAR.day, 12);
  });

  it('rejects a fractional horizon, one above ten years, a negative rate and a margin above 1', () => {
    const base = { horizon: 52, annualDiscountRate: 0.1, timeUnit: 'week' as const };
    expect(() => discountedClv(BGNBD, GG, customer, { ...base, horizon: 2.5 })).toThrow('discountedClv: horizon must be an integer 1–520 weeks (ten years), got 2.5');
    expect(() => discountedClv(BGNBD, GG, customer, { ...base, horizon: 1_000_000 })).toThrow('discountedClv: horizon must be an integer 1–520 weeks (ten years), got 1000000');
    expect(() => discountedClv(BGNBD, GG, customer, { ...base, annualDiscountRate: -0.1 })).toThrow(/annualDiscountRate must be ≥ 0/);
    expect(() => discountedClv(BGNBD, GG, customer, { ...base, margin: 1.5 })).toThrow(/margin must be in \[0, 1\]/);
  });
});
