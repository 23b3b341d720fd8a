/**
 * The inputs of the customer-based forecast (customerBased.ts) per customer group, from the
 * value stage's models (BG/NBD + Gamma-Gamma, analytics/clv) and each customer's summary at
 * the end of the data: a group's expected purchases in a future period [from, to) are the sum
 * over its customers of E[Y(to) | x, t_x, T] − E[Y(from) | x, t_x, T] (FHL 2005 eq. 10), and
 * its expected spend per purchase the Gamma-Gamma conditional means weighted by those
 * purchases. Customers known today only: purchases of customers not yet acquired are not in it.
 */
import { ConditionalPurchaseCurves } from '../clv/bgnbd';
import { expectedAverageSpend } from '../clv/gammaGamma';
import type { CustomerSummary } from '../clv/summary';
import type { ValueModels } from '../value/customerValue';
import type { SegmentOutlook } from './customerBased';

export interface GroupedCustomer extends CustomerSummary {
  group: string;
}

/** A future period in the summaries' time unit, counted from the end of the data: [from, to). */
export interface FuturePeriod {
  from: number;
  to: number;
}

/** A group's outlook with its figures per period. */
export interface GroupOutlook extends SegmentOutlook {
  expectedPurchases: number[];
  expectedSpend: number[];
}

export interface GroupOutlooks {
  /** One per group, ordered by group name; expected purchases and spend per period. */
  outlooks: GroupOutlook[];
  /** Customers whose expected spend is undefined (no repeat purchase and Gamma-Gamma q ≤ 1): their purchases are left out of revenue, counted here. */
  withoutSpend: number;
}

/**
 * @throws RangeError on a period that is not 0 ≤ from < to, or an invalid summary or model (as the CLV functions).
 * @example customerGroupOutlooks([{ customerId: 'c', group: 'g', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 20 }],
 *   { bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.44 } }, [{ from: 0, to: 39 }])
 *   .outlooks[0].expectedPurchases // [≈ 1.226] (FHL 2005 §5)
 */
export function customerGroupOutlooks(customers: readonly GroupedCustomer[], models: ValueModels, periods: readonly FuturePeriod[]): GroupOutlooks {
  periods.forEach(({ from, to }, k) => {
    if (!(from >= 0 && to > from)) throw new RangeError(`customerGroupOutlooks: period ${k + 1} must have 0 ≤ from < to, got [${from}, ${to})`);
  });
  const { bgnbd, gammaGamma } = models;
  // E[Y(t) | x, t_x, T] at each distinct period boundary, the customers sharing its costly part (ConditionalPurchaseCurves).
  const boundaries = [...new Set(periods.flatMap(({ from, to }) => [from, to]))];
  const at = new Map(boundaries.map((t, i) => [t, i]));
  const fromIndex = periods.map(({ from }) => at.get(from)!);
  const toIndex = periods.map(({ to }) => at.get(to)!);
  const curves = new ConditionalPurchaseCurves(bgnbd, boundaries);
  const purchases = new Map<string, number[]>();
  const spending = new Map<string, number[]>();
  let withoutSpend = 0;
  for (const c of customers) {
    const { frequency: x, recency: t_x, T } = c;
    const cumulative = curves.at(x, t_x, T);
    const spend = x > 0 || gammaGamma.q > 1 ? expectedAverageSpend(gammaGamma, x, c.monetaryValue) : undefined;
    if (spend === undefined) withoutSpend++;
    const groupPurchases = purchases.get(c.group) ?? new Array<number>(periods.length).fill(0);
    const groupSpending = spending.get(c.group) ?? new Array<number>(periods.length).fill(0);
    for (let k = 0; k < periods.length; k++) {
      const expected = cumulative[toIndex[k]] - cumulative[fromIndex[k]];
      groupPurchases[k] += expected;
      if (spend !== undefined) groupSpending[k] += expected * spend;
    }
    purchases.set(c.group, groupPurchases);
    spending.set(c.group, groupSpending);
  }
  const groups = [...purchases.keys()].sort();
  const outlooks = groups.map((group): GroupOutlook => {
    const expected = purchases.get(group)!;
    const spent = spending.get(group)!;
    // Revenue = purchases × spend per purchase: the purchase-weighted mean spend keeps Σ expected × spend per customer.
    return { segment: group, expectedPurchases: expected, expectedSpend: expected.map((e, k) => (e > 0 ? spent[k] / e : 0)) };
  });
  return { outlooks, withoutSpend };
}
