/**
 * Per-customer RFM summary in the form the BG/NBD and Gamma-Gamma models take
 * (Fader, Hardie & Lee 2005, §2): x = number of repeat purchases, t_x = time of the last
 * purchase, T = time since the first purchase, both measured from the first purchase up to
 * the calibration end; monetary value = mean of the repeat purchases.
 *
 * Convention (the one that reproduces the published CDNOW fits, see
 * shared/data/cdnow/README.md): purchases on the same day are merged into one purchase whose
 * amount is their sum; times are whole days converted to the unit (`week` = days / 7,
 * continuous, or `day`); the first purchase is excluded from the monetary value.
 *
 * One customer at a time: the value stage feeds it each customer's orders streamed out of
 * PostgreSQL (activities/value/customers.ts), the `clv` command the same plus the holdout.
 */

export type TimeUnit = 'week' | 'day';

/** Days per time unit. */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = { week: 7, day: 1 };

/** An amount on a calendar day (days since 1970-01-01, analytics/calendar). */
export interface DatedAmount {
  day: number;
  amount: number;
}

export interface CustomerSummary {
  customerId: string;
  /** x: repeat purchases (distinct purchase days after the first) up to the calibration end. */
  frequency: number;
  /** t_x: time from the first to the last purchase, in time units. */
  recency: number;
  /** T: time from the first purchase to the calibration end, in time units. */
  T: number;
  /** Mean amount of the repeat purchases (0 when frequency is 0). */
  monetaryValue: number;
}

export interface HoldoutSummary extends CustomerSummary {
  /** Purchases (distinct days) after the calibration end, up to and including the holdout end. */
  holdoutFrequency: number;
  /** Mean amount of those purchases (0 when there are none); same merging as the calibration. */
  holdoutMonetaryValue: number;
  /** Length of the holdout period in time units. */
  holdoutDuration: number;
}

/** One customer's purchases: one per day, days ascending, amounts in cents (exact sums). */
export interface Purchases {
  days: number[];
  cents: number[];
}

/** Purchases as summaries read them: any array-like of days and of cents (typed-array views included). */
export interface PurchaseHistory {
  days: ArrayLike<number>;
  cents: ArrayLike<number>;
}

/**
 * Merges one customer's dated amounts into one purchase per day. Amounts are money to the cent
 * (the clean tables hold two decimals) and are summed in whole cents, so a sum does not depend
 * on the order of the orders.
 * @throws RangeError on a non-integer day or a non-finite amount (naming its index).
 * @example purchasesOf([{ day: 3, amount: 0.1 }, { day: 1, amount: 5 }, { day: 3, amount: 0.2 }]) // { days: [1, 3], cents: [500, 30] }
 */
export function purchasesOf(amounts: readonly DatedAmount[]): Purchases {
  const sorted = [...amounts].sort((p, q) => p.day - q.day);
  const purchases: Purchases = { days: [], cents: [] };
  sorted.forEach(({ day, amount }, i) => {
    if (!Number.isInteger(day)) throw new RangeError(`purchasesOf: purchase ${i} day is not a whole day number: ${day}`);
    if (!Number.isFinite(amount)) throw new RangeError(`purchasesOf: purchase ${i} amount is not a finite number: ${amount}`);
    const cents = Math.round(amount * 100);
    const last = purchases.days.length - 1;
    if (last >= 0 && purchases.days[last] === day) purchases.cents[last] += cents;
    else {
      purchases.days.push(day);
      purchases.cents.push(cents);
    }
  });
  return purchases;
}

/** Mean amount of the purchases with index in [from, to); 0 when the range is empty. */
function meanAmount(cents: ArrayLike<number>, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (let i = from; i < to; i++) total += cents[i];
  return total / (to - from) / 100;
}

/** Number of purchases on or before `day` (days are sorted). */
function countThrough(days: ArrayLike<number>, day: number): number {
  let n = 0;
  while (n < days.length && days[n] <= day) n++;
  return n;
}

/**
 * The calibration summary of one customer, or null when their first purchase is after the
 * calibration end (or they have none).
 * @example
 * summarizeCustomer('c', purchasesOf([{ day: 0, amount: 10 }, { day: 7, amount: 4 }, { day: 7, amount: 2 }]), { calibrationEnd: 14, timeUnit: 'week' })
 * // { customerId: 'c', frequency: 1, recency: 1, T: 2, monetaryValue: 6 }
 */
export function summarizeCustomer(customerId: string, purchases: PurchaseHistory, options: { calibrationEnd: number; timeUnit: TimeUnit }): CustomerSummary | null {
  const { days, cents } = purchases;
  if (days.length === 0 || days[0] > options.calibrationEnd) return null;
  const unitDays = DAYS_PER_UNIT[options.timeUnit];
  const n = countThrough(days, options.calibrationEnd);
  return {
    customerId,
    frequency: n - 1,
    recency: (days[n - 1] - days[0]) / unitDays,
    T: (options.calibrationEnd - days[0]) / unitDays,
    monetaryValue: meanAmount(cents, 1, n),
  };
}

/**
 * The calibration summary plus what the customer did in the holdout period
 * (calibrationEnd, holdoutEnd], for the calibration-vs-holdout model check of FHL 2005 §4.
 * Holdout purchases are merged per day and averaged exactly like calibration purchases.
 * @throws RangeError when holdoutEnd is before calibrationEnd.
 */
export function summarizeWithHoldout(customerId: string, purchases: PurchaseHistory, options: { calibrationEnd: number; holdoutEnd: number; timeUnit: TimeUnit }): HoldoutSummary | null {
  const { calibrationEnd, holdoutEnd, timeUnit } = options;
  if (holdoutEnd < calibrationEnd) throw new RangeError('summarizeWithHoldout: holdoutEnd is before calibrationEnd');
  const calibration = summarizeCustomer(customerId, purchases, options);
  if (!calibration) return null;
  const calibrated = countThrough(purchases.days, calibrationEnd);
  const through = countThrough(purchases.days, holdoutEnd);
  return {
    ...calibration,
    holdoutFrequency: through - calibrated,
    holdoutMonetaryValue: meanAmount(purchases.cents, calibrated, through),
    holdoutDuration: (holdoutEnd - calibrationEnd) / DAYS_PER_UNIT[timeUnit],
  };
}
