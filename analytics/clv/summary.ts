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
 */
import { requireIsoDay } from '../calendar';

export type TimeUnit = 'week' | 'day';

/** Days per time unit. */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = { week: 7, day: 1 };

export interface Transaction {
  customerId: string;
  /** Purchase date, `YYYY-MM-DD`. */
  date: string;
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

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive), `YYYY-MM-DD`. */
  calibrationEnd: string;
  timeUnit?: TimeUnit;
}

export interface HoldoutOptions extends SummaryOptions {
  /** Last day of the holdout period (inclusive); defaults to the last transaction date. */
  holdoutEnd?: string;
}

interface Purchases {
  days: number[];
  amounts: number[];
}

/** Merge each customer's transactions into one purchase per day, days ascending. */
function purchasesByCustomer(transactions: readonly Transaction[], caller: string): Map<string, Purchases> {
  const daily = new Map<string, Map<number, number>>();
  transactions.forEach((tx, i) => {
    const day = requireIsoDay(tx.date, caller, `transaction ${i} date`);
    if (!Number.isFinite(tx.amount)) throw new RangeError(`${caller}: transaction ${i} amount is not a finite number: ${tx.amount}`);
    let days = daily.get(tx.customerId);
    if (!days) daily.set(tx.customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + tx.amount);
  });
  const result = new Map<string, Purchases>();
  for (const [customerId, days] of daily) {
    const sorted = [...days.keys()].sort((p, q) => p - q);
    result.set(customerId, { days: sorted, amounts: sorted.map((d) => days.get(d) as number) });
  }
  return result;
}

/** Mean amount of the purchases with index in [from, to); 0 when the range is empty. */
function meanAmount(amounts: readonly number[], from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (let i = from; i < to; i++) total += amounts[i];
  return total / (to - from);
}

/** Number of purchases on or before `day` (days are sorted). */
function countThrough(days: readonly number[], day: number): number {
  let n = 0;
  while (n < days.length && days[n] <= day) n++;
  return n;
}

function summarizeCustomer(customerId: string, p: Purchases, end: number, unitDays: number): CustomerSummary {
  const n = countThrough(p.days, end);
  return {
    customerId,
    frequency: n - 1,
    recency: (p.days[n - 1] - p.days[0]) / unitDays,
    T: (end - p.days[0]) / unitDays,
    monetaryValue: meanAmount(p.amounts, 1, n),
  };
}

/**
 * Calibration-period summary of every customer whose first purchase is on or before the
 * calibration end, in order of first appearance in `transactions`.
 * @throws on an invalid date or a non-finite amount (naming the transaction index).
 * @example
 * summarizeTransactions(
 *   [{ customerId: 'c', date: '2024-01-01', amount: 10 }, { customerId: 'c', date: '2024-01-08', amount: 4 },
 *    { customerId: 'c', date: '2024-01-08', amount: 2 }],
 *   { calibrationEnd: '2024-01-15' },
 * ) // [{ customerId: 'c', frequency: 1, recency: 1, T: 2, monetaryValue: 6 }]
 */
export function summarizeTransactions(transactions: readonly Transaction[], options: SummaryOptions): CustomerSummary[] {
  const caller = 'summarizeTransactions';
  const end = requireIsoDay(options.calibrationEnd, caller, 'calibrationEnd');
  const unitDays = DAYS_PER_UNIT[options.timeUnit ?? 'week'];
  const summaries: CustomerSummary[] = [];
  for (const [customerId, p] of purchasesByCustomer(transactions, caller)) {
    if (p.days[0] <= end) summaries.push(summarizeCustomer(customerId, p, end, unitDays));
  }
  return summaries;
}

/**
 * Calibration summary plus what each customer did in the holdout period
 * (calibrationEnd, holdoutEnd], for the calibration-vs-holdout model check of FHL 2005 §4.
 * Holdout purchases are merged per day and averaged exactly like calibration purchases.
 */
export function splitCalibrationHoldout(transactions: readonly Transaction[], options: HoldoutOptions): HoldoutSummary[] {
  const caller = 'splitCalibrationHoldout';
  const end = requireIsoDay(options.calibrationEnd, caller, 'calibrationEnd');
  const unitDays = DAYS_PER_UNIT[options.timeUnit ?? 'week'];
  const purchases = purchasesByCustomer(transactions, caller);
  let holdoutEnd = Number.NEGATIVE_INFINITY;
  if (options.holdoutEnd !== undefined) holdoutEnd = requireIsoDay(options.holdoutEnd, caller, 'holdoutEnd');
  else for (const p of purchases.values()) holdoutEnd = Math.max(holdoutEnd, p.days[p.days.length - 1]);
  if (holdoutEnd < end) throw new RangeError(`${caller}: holdoutEnd is before calibrationEnd ${options.calibrationEnd}`);
  const result: HoldoutSummary[] = [];
  for (const [customerId, p] of purchases) {
    if (p.days[0] > end) continue;
    const calibrated = countThrough(p.days, end);
    const through = countThrough(p.days, holdoutEnd);
    result.push({
      ...summarizeCustomer(customerId, p, end, unitDays),
      holdoutFrequency: through - calibrated,
      holdoutMonetaryValue: meanAmount(p.amounts, calibrated, through),
      holdoutDuration: (holdoutEnd - end) / unitDays,
    });
  }
  return result;
}
