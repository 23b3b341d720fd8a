/**
 * Churn risk per customer (SPEC §5) from two signals:
 * - P(alive) from the BG/NBD model (Fader, Hardie & Lee 2005), and
 * - the gap ratio: time since the last purchase (T − t_x) over the customer's own mean
 *   inter-purchase time t_x / x (x repeat purchases span x intervals). One-time buyers have no
 *   inter-purchase time of their own; for them the typical (median) one of the repeat buyers is
 *   used. BG/NBD gives one-time buyers P(alive) = 1, so for them the gap is the only signal.
 * The band is the worse of the two signals' bands (thresholds in CHURN_RISK_THRESHOLDS).
 */

export type ChurnRiskBand = 'low' | 'medium' | 'high';

export interface ChurnThresholds {
  /** P(alive) below this → high risk. */
  highBelowPAlive: number;
  /** P(alive) below this → at least medium risk. */
  mediumBelowPAlive: number;
  /** Gap ratio at or above this → high risk (three usual intervals without a purchase). */
  highFromGapRatio: number;
  /** Gap ratio at or above this → at least medium risk. */
  mediumFromGapRatio: number;
}

/**
 * Default bands: high when P(alive) < 0.3 or the customer is 3× overdue, medium when
 * P(alive) < 0.7 or 1.5× overdue, low otherwise.
 */
export const CHURN_RISK_THRESHOLDS: ChurnThresholds = {
  highBelowPAlive: 0.3,
  mediumBelowPAlive: 0.7,
  highFromGapRatio: 3,
  mediumFromGapRatio: 1.5,
};

export interface ChurnRiskInput {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  /** From probabilityAlive(params, x, t_x, T). */
  pAlive: number;
}

export interface ChurnRisk {
  customerId: string;
  pAlive: number;
  /** T − t_x, in the summary's time unit. */
  timeSinceLastPurchase: number;
  /** t_x / x, or the typical value for a one-time buyer; null when there is none. */
  interPurchaseTime: number | null;
  /** timeSinceLastPurchase / interPurchaseTime; null when that is unknown or 0. */
  gapRatio: number | null;
  band: ChurnRiskBand;
}

export interface ChurnRiskOptions {
  /** Inter-purchase time assumed for one-time buyers; default the median t_x / x of repeat buyers. */
  typicalInterPurchaseTime?: number;
  thresholds?: ChurnThresholds;
}

const RANK: Record<ChurnRiskBand, number> = { low: 0, medium: 1, high: 2 };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((u, w) => u - w);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The typical inter-purchase time: the median t_x / x of the repeat buyers (null: none). */
export function typicalInterPurchaseTime(customers: readonly Pick<ChurnRiskInput, 'frequency' | 'recency'>[]): number | null {
  return median(customers.filter((c) => c.frequency > 0).map((c) => c.recency / c.frequency));
}

/**
 * @throws when P(alive) is outside [0, 1] or recency exceeds T.
 * @example
 * churnRisk([{ customerId: 'a', frequency: 2, recency: 10, T: 40, pAlive: 0.5 }])[0]
 * // { customerId: 'a', pAlive: 0.5, timeSinceLastPurchase: 30, interPurchaseTime: 5, gapRatio: 6, band: 'high' }
 */
export function churnRisk(customers: readonly ChurnRiskInput[], options: ChurnRiskOptions = {}): ChurnRisk[] {
  const t = options.thresholds ?? CHURN_RISK_THRESHOLDS;
  const typical =
    options.typicalInterPurchaseTime ?? typicalInterPurchaseTime(customers);
  return customers.map((c, i) => {
    if (!(c.pAlive >= 0 && c.pAlive <= 1)) throw new RangeError(`churnRisk: customer ${i} (${c.customerId}): pAlive must be in [0, 1], got ${c.pAlive}`);
    if (!(c.recency <= c.T)) throw new RangeError(`churnRisk: customer ${i} (${c.customerId}): recency ${c.recency} is larger than T ${c.T}`);
    const timeSinceLastPurchase = c.T - c.recency;
    const interPurchaseTime = c.frequency > 0 ? c.recency / c.frequency : typical;
    const gapRatio = interPurchaseTime ? timeSinceLastPurchase / interPurchaseTime : null;
    const byPAlive: ChurnRiskBand = c.pAlive < t.highBelowPAlive ? 'high' : c.pAlive < t.mediumBelowPAlive ? 'medium' : 'low';
    const byGap: ChurnRiskBand =
      gapRatio === null ? 'low' : gapRatio >= t.highFromGapRatio ? 'high' : gapRatio >= t.mediumFromGapRatio ? 'medium' : 'low';
    const band = RANK[byPAlive] >= RANK[byGap] ? byPAlive : byGap;
    return { customerId: c.customerId, pAlive: c.pAlive, timeSinceLastPurchase, interPurchaseTime, gapRatio, band };
  });
}
