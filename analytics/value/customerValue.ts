/**
 * Per-customer value (SPEC §5) from a customer's BG/NBD summary, spend and acquisition cost:
 * expected purchases over the horizon and P(alive) (BG/NBD), expected spend per purchase
 * (Gamma-Gamma), discounted CLV, the simple finance CLV with its inputs, and the churn-risk
 * band. Without fitted models the probabilistic values are null and the churn band rests on
 * the gap ratio alone (P(alive) taken as 1, as BG/NBD itself gives one-time buyers).
 */
import { conditionalExpectedPurchases, probabilityAlive, type BgNbdParams } from '../clv/bgnbd';
import { discountedClv } from '../clv/discounted';
import { expectedAverageSpend, type GammaGammaParams } from '../clv/gammaGamma';
import { averageAnnualSpend, simpleClv, type SimpleClv } from '../clv/simple';
import type { ValueModelsFit } from '../clv/fitModels';
import { DAYS_PER_UNIT, type CustomerSummary, type TimeUnit } from '../clv/summary';
import { churnRisk, type ChurnRisk, type ChurnThresholds } from './churnRisk';

export interface CustomerValueInput extends CustomerSummary {
  /** Net spend of all the customer's purchases, the first included. */
  totalSpend: number;
  /** CAC of the channel and period the customer was acquired in. */
  acquisitionCost: number;
}

export interface ValueModels {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

export interface CustomerValueOptions {
  timeUnit: TimeUnit;
  /** Horizon of expected purchases and CLV, in time units. */
  horizon: number;
  annualDiscountRate: number;
  margin: number;
  expectedLifetimeYears: number;
  churnThresholds: ChurnThresholds;
}

export interface CustomerValue {
  customerId: string;
  expectedPurchases: number | null;
  pAlive: number | null;
  /** Null without models, and for one-time buyers when the fitted q ≤ 1 (no finite population mean). */
  expectedSpend: number | null;
  clv: number | null;
  simple: SimpleClv;
  churn: ChurnRisk;
}

/**
 * Values every customer; `models` null = not fitted.
 * @throws on an invalid summary or option (as the underlying functions).
 */
export function customerValues(customers: readonly CustomerValueInput[], models: ValueModels | null, options: CustomerValueOptions): CustomerValue[] {
  const { timeUnit, horizon, annualDiscountRate, margin, expectedLifetimeYears, churnThresholds } = options;
  const probabilistic = customers.map((c) => {
    if (!models) return { expectedPurchases: null, pAlive: null, expectedSpend: null, clv: null };
    const { bgnbd, gammaGamma } = models;
    const { frequency: x, recency: t_x, T } = c;
    const spendDefined = x > 0 || gammaGamma.q > 1;
    return {
      expectedPurchases: conditionalExpectedPurchases(bgnbd, horizon, x, t_x, T),
      pAlive: probabilityAlive(bgnbd, x, t_x, T),
      expectedSpend: spendDefined ? expectedAverageSpend(gammaGamma, x, c.monetaryValue) : null,
      clv: spendDefined ? discountedClv(bgnbd, gammaGamma, c, { horizon, annualDiscountRate, timeUnit, margin }) : null,
    };
  });
  const risks = churnRisk(
    customers.map((c, i) => ({ customerId: c.customerId, frequency: c.frequency, recency: c.recency, T: c.T, pAlive: probabilistic[i].pAlive ?? 1 })),
    { thresholds: churnThresholds },
  );
  return customers.map((c, i) => ({
    customerId: c.customerId,
    ...probabilistic[i],
    simple: simpleClv({
      averageAnnualSpend: averageAnnualSpend(c.totalSpend, c.T * DAYS_PER_UNIT[timeUnit]),
      expectedLifetimeYears,
      margin,
      acquisitionCost: c.acquisitionCost,
    }),
    churn: risks[i],
  }));
}

/**
 * customerValues with the fitted models, or without them when the fit is missing or
 * degenerate: a prediction that fails on fitted models (e.g. a, b → ∞ on a small or odd
 * sample) should not fail a weekly run. Customers are then valued as with too few repeat
 * customers (no probabilistic columns), and the returned fit says what happened and what to set.
 */
export function customerValuesOrFallback(
  customers: readonly CustomerValueInput[],
  fit: ValueModelsFit,
  options: CustomerValueOptions,
): { fit: ValueModelsFit; values: CustomerValue[] } {
  if (!fit.fitted) return { fit, values: customerValues(customers, null, options) };
  try {
    return { fit, values: customerValues(customers, { bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma }, options) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const { r, alpha, a, b } = fit.bgnbd;
    const { p, q, v } = fit.gammaGamma;
    const reason = `degenerate fit (BG/NBD r=${r}, alpha=${alpha}, a=${a}, b=${b}; Gamma-Gamma p=${p}, q=${q}, v=${v}): ${error.message}; ` +
      'customers valued without the probabilistic model — a small valuation.penalty (e.g. 0.001) in the source config usually fixes it';
    return { fit: { fitted: false, repeatCustomers: fit.repeatCustomers, reason }, values: customerValues(customers, null, options) };
  }
}
