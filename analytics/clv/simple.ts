/**
 * The simple CLV finance uses (SPEC §5): average annual spend × expected lifetime in years ×
 * margin − customer acquisition cost. No discounting, no churn model: a planning figure.
 */

export interface SimpleClvInputs {
  averageAnnualSpend: number;
  expectedLifetimeYears: number;
  /** Share of spend that is margin, in [0, 1]; default 1. */
  margin?: number;
  /** Customer acquisition cost; default 0. */
  acquisitionCost?: number;
}

/** The inputs as used (defaults filled in) next to the result, so a report can show the working. */
export interface SimpleClv extends Required<SimpleClvInputs> {
  clv: number;
}

/**
 * @throws when spend, lifetime or CAC is negative or not finite, or margin is outside [0, 1].
 * @example simpleClv({ averageAnnualSpend: 5000, expectedLifetimeYears: 3, acquisitionCost: 1000 }).clv // 14000
 */
export function simpleClv(inputs: SimpleClvInputs): SimpleClv {
  // The result built field by field, not spread from the inputs: one object shape for every customer's.
  const { averageAnnualSpend, expectedLifetimeYears, margin = 1, acquisitionCost = 0 } = inputs;
  for (const [name, value] of [['averageAnnualSpend', averageAnnualSpend], ['expectedLifetimeYears', expectedLifetimeYears], ['acquisitionCost', acquisitionCost]] as const) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`simpleClv: ${name} must be a non-negative number, got ${value}`);
  }
  if (!(margin >= 0 && margin <= 1)) throw new RangeError(`simpleClv: margin must be in [0, 1], got ${margin}`);
  return { margin, acquisitionCost, averageAnnualSpend, expectedLifetimeYears, clv: averageAnnualSpend * expectedLifetimeYears * margin - acquisitionCost };
}

/** Days per (Julian) year. */
const DAYS_PER_YEAR = 365.25;

/**
 * Average annual spend for the simple CLV: total spend over the years since the first
 * purchase, counting at least one year so a new customer's first order is not annualised
 * (one order last week is that year's spend, not 52 × it).
 * @throws when spend or the age is negative or not finite.
 * @example averageAnnualSpend(9000, 730.5) // 4500 (two years); averageAnnualSpend(500, 7) // 500
 */
export function averageAnnualSpend(totalSpend: number, daysSinceFirstPurchase: number): number {
  if (!(Number.isFinite(totalSpend) && totalSpend >= 0)) throw new RangeError(`averageAnnualSpend: totalSpend must be a non-negative number, got ${totalSpend}`);
  if (!(Number.isFinite(daysSinceFirstPurchase) && daysSinceFirstPurchase >= 0)) {
    throw new RangeError(`averageAnnualSpend: daysSinceFirstPurchase must be a non-negative number, got ${daysSinceFirstPurchase}`);
  }
  return totalSpend / Math.max(daysSinceFirstPurchase / DAYS_PER_YEAR, 1);
}
