/**
 * The customer-based forecast backtested like the time-series candidates (backtest.ts): at
 * each origin the customers' summaries are cut at the origin's last day (analytics/clv/summary.ts,
 * customers first seen after it are unknown then), BG/NBD + Gamma-Gamma are fitted on them as
 * the value stage fits them (analytics/clv/fitModels.ts), and the revenue they expect in the
 * next periods (customerOutlook.ts, customerBased.ts) is scored against what the series then
 * held, with the same MASE (scale: seasonal naive on the training part) and the other scores
 * averaged over the origins as backtest.ts averages a candidate's.
 *
 * Only the last few origins: each one refits both models on the whole customer base (about a
 * second or two for the demo's 19,000 customers, where the time-series candidates' 24 origins
 * cost nothing like that), and the last origins are the ones closest to the forecast it judges.
 */
import { fitValueModels } from '../clv/fitModels';
import { DAYS_PER_UNIT, summarizeCustomer, type PurchaseHistory, type Purchases, type TimeUnit } from '../clv/summary';
import { GrowingArray } from '../growingArray';
import { averageScores, maseScale, scoreForecast, type AccuracyScores } from './accuracy';
import { customerBasedForecast } from './customerBased';
import { customerGroupOutlooks, type GroupedCustomer } from './customerOutlook';

/** Origins the customer-based forecast is backtested at: the series' last ones. */
export const CUSTOMER_BACKTEST_ORIGINS = 3;

export interface CustomerPurchases {
  customerId: string;
  purchases: Purchases;
}

/**
 * Every customer's purchases in typed arrays on shared memory: customer i's days and cents are
 * days[starts[i] … starts[i + 1]) and cents[…]. Handed to the forecast's threads, the arrays
 * are shared (SharedArrayBuffer), not cloned: an object per customer was cloned into a thread
 * for every origin (three copies of 400,000 customers' purchases at once).
 */
export interface PackedPurchases {
  customerIds: string[];
  starts: Uint32Array;
  days: Int32Array;
  cents: Float64Array;
}

/** Packs customers' purchases as they come (a database stream) into PackedPurchases. */
export class PurchasePacker {
  private readonly customerIds: string[] = [];
  private readonly ends = new GrowingArray(new Uint32Array(1024));
  private readonly days = new GrowingArray(new Int32Array(4096));
  private readonly cents = new GrowingArray(new Float64Array(4096));

  add({ customerId, purchases }: CustomerPurchases): void {
    this.customerIds.push(customerId);
    purchases.days.forEach((day, i) => {
      this.days.push(day);
      this.cents.push(purchases.cents[i]);
    });
    this.ends.push(this.days.length);
  }

  packed(): PackedPurchases {
    const starts = new Uint32Array(new SharedArrayBuffer((this.ends.length + 1) * Uint32Array.BYTES_PER_ELEMENT));
    starts.set(this.ends.values(), 1);
    const days = new Int32Array(new SharedArrayBuffer(this.days.values().byteLength));
    days.set(this.days.values());
    const cents = new Float64Array(new SharedArrayBuffer(this.cents.values().byteLength));
    cents.set(this.cents.values());
    return { customerIds: this.customerIds, starts, days, cents };
  }
}

export function packPurchases(customers: Iterable<CustomerPurchases>): PackedPurchases {
  const packer = new PurchasePacker();
  for (const customer of customers) packer.add(customer);
  return packer.packed();
}

/** Customer i's purchases: views on the packed arrays, not copies. */
export function purchasesAt({ starts, days, cents }: PackedPurchases, i: number): PurchaseHistory {
  return { days: days.subarray(starts[i], starts[i + 1]), cents: cents.subarray(starts[i], starts[i + 1]) };
}

export interface CustomerBacktestOptions {
  /** Training lengths of the origins (as BacktestResult.origins) and the steps scored from each. */
  origins: readonly number[];
  horizon: number;
  /** Season length, for the MASE scale. */
  m: number;
  /** Day numbers [start, end) of period k of the series (k may run past its end by the horizon). */
  periodDays: (k: number) => { start: number; end: number };
  /** The value stage's settings (config/valuation.ts). */
  timeUnit: TimeUnit;
  minRepeatCustomers: number;
  penalty: number;
}

export interface CustomerBacktest extends AccuracyScores {
  /** Origins tried (the last CUSTOMER_BACKTEST_ORIGINS of the options') and scored. */
  tried: number;
  evaluated: number;
  /** Milliseconds spent fitting the models and forecasting from them, over all origins. */
  fitMs: number;
  forecastMs: number;
  /** Per origin not scored: why (too few repeat customers, a failed fit). */
  failures: string[];
}

/** The origins the customer-based forecast is backtested at, of the time series' (training lengths): the last CUSTOMER_BACKTEST_ORIGINS. */
export function customerBacktestOrigins(origins: readonly number[]): number[] {
  return origins.slice(-CUSTOMER_BACKTEST_ORIGINS);
}

/** What one origin gives: its scores, or why it was not scored. */
export type CustomerOriginOutcome = { origin: number; fitMs: number; forecastMs: number } & ({ scores: AccuracyScores } | { failure: string });

/**
 * The customer-based forecast at origin t (the training length), scored on what followed:
 * customers summarised as at the origin's last day, the models fitted on them, their expected
 * revenue over the next steps. Undefined when nothing follows t in y. Origins are independent
 * of each other, so a caller may run them side by side (the forecast stage does, on threads).
 * @throws RangeError on an invalid purchase history (as summarizeCustomer).
 */
export function customerBacktestAt(customers: PackedPurchases, y: readonly number[], t: number, options: Omit<CustomerBacktestOptions, 'origins'>): CustomerOriginOutcome | undefined {
  const { horizon, m, periodDays, timeUnit } = options;
  const unitDays = DAYS_PER_UNIT[timeUnit];
  const steps = Math.min(horizon, y.length - t);
  if (steps <= 0) return undefined;
  const firstFutureDay = periodDays(t).start;
  const summaries: GroupedCustomer[] = [];
  customers.customerIds.forEach((customerId, i) => {
    const summary = summarizeCustomer(customerId, purchasesAt(customers, i), { calibrationEnd: firstFutureDay - 1, timeUnit });
    // The summary takes its group in place: with a copy per customer an origin's heap grew 57 MB, not 37 MB, at 96,683 customers.
    if (summary) summaries.push(Object.assign(summary, { group: '' }));
  });
  let fitMs = 0;
  let forecastMs = 0;
  try {
    const fitStart = performance.now();
    const fit = fitValueModels(summaries, options.minRepeatCustomers, options.penalty);
    fitMs += performance.now() - fitStart;
    if (!fit.fitted) return { origin: t, fitMs, forecastMs, failure: `origin ${t}: ${fit.reason}` };
    const forecastStart = performance.now();
    const future = Array.from({ length: steps }, (_, i) => {
      const { start, end } = periodDays(t + i);
      return { from: (start - firstFutureDay) / unitDays, to: (end - firstFutureDay) / unitDays };
    });
    const { outlooks } = customerGroupOutlooks(summaries, { bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma }, future);
    const forecast = customerBasedForecast(outlooks, steps);
    forecastMs += performance.now() - forecastStart;
    return { origin: t, fitMs, forecastMs, scores: scoreForecast(y.slice(t, t + steps), forecast, maseScale(y.slice(0, t), m)) };
  } catch (error) {
    return { origin: t, fitMs, forecastMs, failure: `origin ${t}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The backtest of `tried` origins from their outcomes, in origin order (the skipped ones undefined). */
export function customerBacktestOf(tried: number, outcomes: readonly (CustomerOriginOutcome | undefined)[]): CustomerBacktest {
  const scored: AccuracyScores[] = [];
  const failures: string[] = [];
  let fitMs = 0;
  let forecastMs = 0;
  for (const outcome of outcomes) {
    if (!outcome) continue;
    fitMs += outcome.fitMs;
    forecastMs += outcome.forecastMs;
    if ('scores' in outcome) scored.push(outcome.scores);
    else failures.push(outcome.failure);
  }
  return { ...averageScores(scored), tried, evaluated: scored.length, fitMs, forecastMs, failures };
}

/**
 * The backtest at every origin in turn, on this thread (the forecast stage runs the origins
 * side by side instead: customerBacktestAt, customerBacktestOf).
 * @param y the series the forecast is scored against (the total revenue of complete periods).
 * @throws RangeError on an invalid purchase history (as summarizeCustomer).
 */
export function backtestCustomerBased(customers: readonly CustomerPurchases[], y: readonly number[], options: CustomerBacktestOptions): CustomerBacktest {
  const last = customerBacktestOrigins(options.origins);
  const packed = packPurchases(customers);
  return customerBacktestOf(last.length, last.map((t) => customerBacktestAt(packed, y, t, options)));
}
