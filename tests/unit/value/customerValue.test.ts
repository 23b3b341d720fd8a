/**
 * Per-customer values from fixed parameters (no optimizer). BG/NBD values are FHL 2005's
 * published ones for the CDNOW estimates (r = 0.243, α = 4.414, a = 0.793, b = 2.426): a
 * customer with x = 2, t_x = 30.43, T = 38.86 weeks has P(alive) ≈ 0.7266 and 1.226 expected
 * purchases in the next 39 weeks (§5). The simple CLV is SPEC §5's 14000 example.
 */
import { discountedClv } from '../../../analytics/clv/discounted';
import { expectedAverageSpend } from '../../../analytics/clv/gammaGamma';
import { CHURN_RISK_THRESHOLDS } from '../../../analytics/value/churnRisk';
import { customerValues, type CustomerValueInput, type CustomerValueOptions } from '../../../analytics/value/customerValue';

const models = { bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.44 } };
const options: CustomerValueOptions = {
  timeUnit: 'week', horizon: 39, annualDiscountRate: 0.1, margin: 1, expectedLifetimeYears: 3, churnThresholds: CHURN_RISK_THRESHOLDS,
};
// 730.5 days = 104.357… weeks = two years: 10000 spent → 5000 a year; 5000 × 3 × 1 − 1000 = 14000.
const twoYears = 730.5 / 7;
const customers: CustomerValueInput[] = [
  { customerId: 'fhl', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 40, totalSpend: 120, acquisitionCost: 20 },
  { customerId: 'finance', frequency: 4, recency: 100, T: twoYears, monetaryValue: 2000, totalSpend: 10000, acquisitionCost: 1000 },
  { customerId: 'once', frequency: 0, recency: 0, T: 10, monetaryValue: 0, totalSpend: 50, acquisitionCost: 0 },
];

describe('customerValues', () => {
  it('gives the published P(alive) and expected purchases, and the probabilistic values of the pure functions', () => {
    const [fhl] = customerValues(customers, models, options);
    expect(fhl.pAlive).toBeCloseTo(0.7266, 4);
    expect(fhl.expectedPurchases).toBeCloseTo(1.226, 3);
    expect(fhl.expectedSpend).toBe(expectedAverageSpend(models.gammaGamma, 2, 40));
    expect(fhl.clv).toBe(discountedClv(models.bgnbd, models.gammaGamma, customers[0], { horizon: 39, annualDiscountRate: 0.1, timeUnit: 'week', margin: 1 }));
  });

  it('computes the simple finance CLV with its inputs: 5000 × 3 × 1 − 1000 = 14000', () => {
    const finance = customerValues(customers, models, options)[1];
    expect(finance.simple.averageAnnualSpend).toBeCloseTo(5000, 9);
    expect(finance.simple).toMatchObject({ expectedLifetimeYears: 3, margin: 1, acquisitionCost: 1000 });
    expect(finance.simple.clv).toBeCloseTo(14000, 9);
    // a customer younger than a year: the spend so far is the annual spend, 50 × 3 − 0
    expect(customerValues(customers, models, options)[2].simple.clv).toBe(150);
  });

  it('bands churn risk from P(alive) and the gap', () => {
    const [fhl, finance, once] = customerValues(customers, models, options);
    // fhl: P(alive) 0.73 ≥ 0.7; gap 8.43 over t_x/x = 15.215 → 0.55 → low
    expect(fhl.churn.band).toBe('low');
    // finance: gap 4.36 over 25 → 0.17; P(alive) from BG/NBD
    expect(finance.churn.gapRatio).toBeCloseTo((twoYears - 100) / 25, 12);
    // once: gap 10 over the median t_x/x of the repeat buyers (15.215 and 25 → 20.1075) → 0.497 → low
    expect(once.churn.interPurchaseTime).toBeCloseTo((30.43 / 2 + 25) / 2, 12);
    expect(once.churn.band).toBe('low');
  });

  it('without models leaves the probabilistic values null and bands on the gap alone', () => {
    const values = customerValues([{ ...customers[0], recency: 5, T: 38.86 }], null, options);
    expect(values[0]).toMatchObject({ expectedPurchases: null, pAlive: null, expectedSpend: null, clv: null });
    // gap 33.86 over 5/2 = 2.5 → 13.5 ≥ 3 → high
    expect(values[0].churn).toMatchObject({ pAlive: 1, band: 'high' });
    expect(values[0].simple.clv).toBeCloseTo(120 * 3 - 20, 9);
  });

  it('has no expected spend or CLV for one-time buyers when q ≤ 1 (no finite population mean)', () => {
    const heavyTailed = { ...models, gammaGamma: { p: 6.25, q: 0.9, v: 15.44 } };
    const [fhl, , once] = customerValues(customers, heavyTailed, options);
    expect(once).toMatchObject({ expectedSpend: null, clv: null });
    expect(once.pAlive).toBe(1);
    expect(fhl.expectedSpend).toBe(expectedAverageSpend(heavyTailed.gammaGamma, 2, 40));
  });
});
