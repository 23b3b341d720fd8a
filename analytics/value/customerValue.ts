/**
 * Per-customer value (SPEC §5) from a customer's BG/NBD summary, spend and acquisition cost:
 * expected purchases over the horizon and P(alive) (BG/NBD), expected spend per purchase
 * (Gamma-Gamma), discounted CLV, the simple finance CLV with its inputs, and the churn-risk
 * band. Without fitted models the probabilistic values are null and the churn band rests on
 * the gap ratio alone (P(alive) taken as 1, as BG/NBD itself gives one-time buyers).
 */
import { probabilityAlive, type BgNbdParams } from '../clv/bgnbd';
import { DiscountedClv } from '../clv/discounted';
import { expectedAverageSpend, type GammaGammaParams } from '../clv/gammaGamma';
import { averageAnnualSpend, simpleClv, type SimpleClv } from '../clv/simple';
import type { ValueModelsFit } from '../clv/fitModels';
import { DAYS_PER_UNIT, type CustomerSummary, type TimeUnit } from '../clv/summary';
import { churnRisk, typicalInterPurchaseTime, type ChurnRisk, type ChurnThresholds } from './churnRisk';

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
  /**
   * The churn rule's typical inter-purchase time (churnRisk.ts), when the customers are valued in
   * chunks: computed over all of them, so that a chunk's one-time buyers get the same one.
   */
  typicalInterPurchaseTime?: number | null;
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
  // One curve of expected purchases per customer gives both the horizon's purchases and the CLV.
  const fitted = models && { ...models, clvOf: new DiscountedClv(models.bgnbd, models.gammaGamma, { horizon, annualDiscountRate, timeUnit, margin }) };
  const probabilistic = customers.map((c) => {
    if (!fitted) return { expectedPurchases: null, pAlive: null, expectedSpend: null, clv: null };
    const { bgnbd, gammaGamma, clvOf } = fitted;
    const { frequency: x, recency: t_x, T } = c;
    const spendDefined = x > 0 || gammaGamma.q > 1;
    const cumulative = clvOf.curves.at(x, t_x, T);
    return {
      expectedPurchases: cumulative[horizon - 1],
      pAlive: probabilityAlive(bgnbd, x, t_x, T),
      expectedSpend: spendDefined ? expectedAverageSpend(gammaGamma, x, c.monetaryValue) : null,
      clv: spendDefined ? clvOf.of(c, cumulative) : null,
    };
  });
  const risks = churnRisk(
    customers.map((c, i) => ({ customerId: c.customerId, frequency: c.frequency, recency: c.recency, T: c.T, pAlive: probabilistic[i].pAlive ?? 1 })),
    { thresholds: churnThresholds, typicalInterPurchaseTime: options.typicalInterPurchaseTime ?? undefined },
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

/** Where customerValuesInChunks hands its values. */
export interface ChunkedValuesSink {
  /** The values of customers start, start + 1, … (as many as given). */
  take(values: CustomerValue[], start: number): Promise<void>;
  /** Every value taken so far is void: the customers are valued again from the first one. */
  restart(): Promise<void>;
}

/**
 * customerValuesOrFallback over `customers` a chunk at a time, each chunk's values handed to the
 * sink as they are computed, so that a run's values are never all held at once; `acquisitionCost`
 * gives each customer's. The churn rule's typical inter-purchase time is taken over all the
 * customers, as in one call. When a prediction fails on the fitted models, the sink restarts and
 * every customer is valued without them, as one call would. Returns the fit the values used.
 */
export async function customerValuesInChunks<C extends Omit<CustomerValueInput, 'acquisitionCost'>>(
  customers: readonly C[],
  acquisitionCost: (customer: C) => number,
  fit: ValueModelsFit,
  options: CustomerValueOptions,
  sink: ChunkedValuesSink,
  chunkSize = 20_000,
): Promise<ValueModelsFit> {
  const shared = { ...options, typicalInterPurchaseTime: typicalInterPurchaseTime(customers) };
  let used = fit;
  let start = 0;
  while (start < customers.length) {
    // Field by field: a spread copy here took V8 a new hidden class for nearly every customer.
    const chunk = customers.slice(start, start + chunkSize).map((c): CustomerValueInput => ({
      customerId: c.customerId, frequency: c.frequency, recency: c.recency, T: c.T, monetaryValue: c.monetaryValue, totalSpend: c.totalSpend, acquisitionCost: acquisitionCost(c),
    }));
    const valued = customerValuesOrFallback(chunk, used, shared);
    if (used.fitted && !valued.fit.fitted) {
      await sink.restart();
      used = valued.fit;
      start = 0;
      continue;
    }
    await sink.take(valued.values, start);
    start += chunkSize;
  }
  return used;
}
