/**
 * Discounted customer lifetime value from the BG/NBD and Gamma-Gamma models (Fader, Hardie &
 * Lee 2005, "RFM and CLV", §4 discount the expected transaction stream the same way; lifetimes'
 * `customer_lifetime_value` sums monthly steps likewise):
 *
 *   CLV = Σ_{i=1..H} [E(Y(i) | x, t_x, T) − E(Y(i−1) | x, t_x, T)] · E[M | x, m_x] · margin / (1+δ)^i
 *
 * with E(Y(t) | …) the BG/NBD conditional expectation (FHL 2005 eq. 10), E[M | …] the
 * Gamma-Gamma expected spend per transaction, H the horizon in time units, and
 * δ = (1+d)^{1/U} − 1 the per-unit rate equivalent to the annual discount rate d
 * (U = time units per year).
 */
import { MAX_HORIZON } from '../../config/limits';
import { ConditionalPurchaseCurves, type BgNbdParams } from './bgnbd';
import { expectedAverageSpend, type GammaGammaParams } from './gammaGamma';
import type { CustomerSummary, TimeUnit } from './summary';

/** Time units per (Julian) year. */
export const UNITS_PER_YEAR: Record<TimeUnit, number> = { week: 365.25 / 7, day: 365.25 };

export interface DiscountedClvOptions {
  /** Horizon H in time units (a positive integer: 52 weeks, 365 days…; at most ten years, config/limits.ts). */
  horizon: number;
  /** Annual discount rate d, e.g. 0.1 for 10 % a year; 0 = undiscounted. */
  annualDiscountRate: number;
  timeUnit: TimeUnit;
  /** Share of spend that is margin, in [0, 1]; default 1 (CLV in revenue). */
  margin?: number;
}

/**
 * discountedClv for a whole customer base with the same models and options: the options are
 * checked once and the customers share the BG/NBD curves' work (ConditionalPurchaseCurves).
 */
export class DiscountedClv {
  /** E[Y(i) | x, t_x, T] for i = 1 … H. */
  readonly curves: ConditionalPurchaseCurves;
  private readonly perUnit: number;
  private readonly margin: number;

  /** @throws on an invalid horizon, rate or margin, or invalid BG/NBD parameters. */
  constructor(bgnbd: BgNbdParams, private readonly gammaGamma: GammaGammaParams, options: DiscountedClvOptions) {
    const caller = 'discountedClv';
    const { horizon, annualDiscountRate, timeUnit, margin = 1 } = options;
    if (!(Number.isInteger(horizon) && horizon > 0 && horizon <= MAX_HORIZON[timeUnit])) {
      throw new RangeError(`${caller}: horizon must be an integer 1–${MAX_HORIZON[timeUnit]} ${timeUnit}s (ten years), got ${horizon}`);
    }
    if (!(annualDiscountRate >= 0 && Number.isFinite(annualDiscountRate))) throw new RangeError(`${caller}: annualDiscountRate must be ≥ 0, got ${annualDiscountRate}`);
    if (!(margin >= 0 && margin <= 1)) throw new RangeError(`${caller}: margin must be in [0, 1], got ${margin}`);
    this.curves = new ConditionalPurchaseCurves(bgnbd, Array.from({ length: horizon }, (_, i) => i + 1));
    this.perUnit = (1 + annualDiscountRate) ** (1 / UNITS_PER_YEAR[timeUnit]);
    this.margin = margin;
  }

  /**
   * CLV of one customer, from its curve when the caller has it already (`curves.at` of the same customer).
   * @throws on an invalid customer history.
   */
  of(customer: Pick<CustomerSummary, 'frequency' | 'recency' | 'T' | 'monetaryValue'>, cumulative = this.curves.at(customer.frequency, customer.recency, customer.T)): number {
    const spend = expectedAverageSpend(this.gammaGamma, customer.frequency, customer.monetaryValue) * this.margin;
    let clv = 0;
    let previous = 0;
    for (let i = 1; i <= cumulative.length; i++) {
      clv += ((cumulative[i - 1] - previous) * spend) / this.perUnit ** i;
      previous = cumulative[i - 1];
    }
    return clv;
  }
}

/**
 * CLV of one customer over the horizon, discounted to the calibration end.
 * @throws on an invalid horizon, rate or margin, or an invalid customer history.
 * @example
 * // undiscounted, margin 1: expected purchases × expected spend
 * discountedClv(bgnbd, gammaGamma, customer, { horizon: 52, annualDiscountRate: 0, timeUnit: 'week' })
 */
export function discountedClv(
  bgnbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: Pick<CustomerSummary, 'frequency' | 'recency' | 'T' | 'monetaryValue'>,
  options: DiscountedClvOptions,
): number {
  return new DiscountedClv(bgnbd, gammaGamma, options).of(customer);
}
