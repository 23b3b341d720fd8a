/**
 * Per-group inputs of the customer-based forecast, on the published CDNOW fits (Fader, Hardie & Lee 2005):
 * BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 — a customer with x = 2, t_x = 30.43, T = 38.86 weeks
 * is expected to make 1.226 purchases in the next 39 weeks (§5) — and Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44
 * (population mean spend pγ/(q − 1) = 35.22).
 */
import { conditionalExpectedPurchases } from '../../../analytics/clv/bgnbd';
import { customerBasedForecast } from '../../../analytics/forecast/customerBased';
import { customerGroupOutlooks, type GroupedCustomer } from '../../../analytics/forecast/customerOutlook';

const models = { bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.44 } };
const quarters = [{ from: 0, to: 13 }, { from: 13, to: 26 }, { from: 26, to: 39 }];
const repeat: GroupedCustomer = { customerId: 'A', group: 'loyal', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 20 };
const oneTime: GroupedCustomer = { customerId: 'B', group: 'loyal', frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 };

describe('customerGroupOutlooks', () => {
  it('splits a customer’s expected purchases over the periods: three quarters add up to the published 39-week figure', () => {
    const { outlooks, withoutSpend } = customerGroupOutlooks([repeat], models, quarters);
    const purchases = outlooks[0].expectedPurchases as number[];
    expect(purchases.reduce((a, b) => a + b, 0)).toBeCloseTo(1.226, 3);
    expect(purchases[0]).toBeGreaterThan(purchases[2]); // fewer purchases expected as the customer may drop out
    expect(withoutSpend).toBe(0);
  });

  it('values each customer’s purchases at their own Gamma-Gamma spend, summed per group', () => {
    // A: p(γ + x·m)/(px + q − 1) = 6.25 × (15.44 + 40) / (12.5 + 2.74) = 22.7362…; B (no repeat purchase): 35.2190… (pγ/(q − 1)).
    const { outlooks } = customerGroupOutlooks([repeat, oneTime, { ...repeat, customerId: 'C', group: 'new' }], models, quarters);
    expect(outlooks.map((o) => o.segment)).toEqual(['loyal', 'new']);
    const revenue = customerBasedForecast(outlooks.slice(0, 1), 3).mean;
    quarters.forEach(({ from, to }, k) => {
      const cum = (c: GroupedCustomer, t: number) => (t === 0 ? 0 : conditionalExpectedPurchases(models.bgnbd, t, c.frequency, c.recency, c.T));
      const expected = (cum(repeat, to) - cum(repeat, from)) * ((6.25 * 55.44) / 15.24) + (cum(oneTime, to) - cum(oneTime, from)) * ((6.25 * 15.44) / 2.74);
      expect(revenue[k]).toBeCloseTo(expected, 9);
    });
  });

  it('counts the customers without a defined spend and leaves their purchases out of revenue', () => {
    const noMean = { ...models, gammaGamma: { p: 6.25, q: 0.9, v: 15.44 } }; // q ≤ 1: no population mean for a one-time buyer
    const { outlooks, withoutSpend } = customerGroupOutlooks([oneTime], noMean, quarters);
    expect(withoutSpend).toBe(1);
    expect(customerBasedForecast(outlooks, 3).mean).toEqual([0, 0, 0]);
  });

  it('stays finite with a fit that ran off (a ≈ 1.7·10⁵, b ≈ 3.4·10⁶) and counts customers who share a history once each', () => {
    // The fit of a demo origin that once gave NaN; customers with one (x, t_x, T) are evaluated once and weighted.
    const ranOff = { ...models, bgnbd: { r: 0.54, alpha: 5.19, a: 1.7e5, b: 3.4e6 } };
    const customers = [repeat, { ...repeat, customerId: 'A2', monetaryValue: 30 }, oneTime, { ...oneTime, customerId: 'B2', group: 'new' }];
    const weeks = Array.from({ length: 13 }, (_, k) => ({ from: k, to: k + 1 }));
    const { outlooks } = customerGroupOutlooks(customers, ranOff, weeks);
    const cum = (c: GroupedCustomer, t: number) => (t === 0 ? 0 : conditionalExpectedPurchases(ranOff.bgnbd, t, c.frequency, c.recency, c.T));
    weeks.forEach(({ from, to }, k) => {
      const inGroup = (group: string) => customers.filter((c) => c.group === group).reduce((sum, c) => sum + cum(c, to) - cum(c, from), 0);
      expect(outlooks[0].expectedPurchases[k]).toBeCloseTo(inGroup('loyal'), 12);
      expect(outlooks[1].expectedPurchases[k]).toBeCloseTo(inGroup('new'), 12);
    });
    const forecast = customerBasedForecast(outlooks, 13);
    for (const v of [...forecast.mean, ...forecast.lo95, ...forecast.hi95]) expect(Number.isFinite(v)).toBe(true);
    expect(forecast.mean[0]).toBeGreaterThan(0);
  });

  it('rejects a period that does not run forward from the end of the data', () => {
    expect(() => customerGroupOutlooks([repeat], models, [{ from: 5, to: 5 }])).toThrow('period 1 must have 0 ≤ from < to, got [5, 5)');
    expect(() => customerGroupOutlooks([repeat], models, [{ from: -1, to: 5 }])).toThrow('period 1');
  });
});
