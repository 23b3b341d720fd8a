/**
 * Per-customer behavioural features (SPEC §3), one customer at a time: the one definition the
 * profile stage feeds with each customer's counted orders streamed out of PostgreSQL
 * (activities/profile), and with it every path that profiles (the `segment` command runs that
 * stage). A counted order is a run's order with a positive net amount (sale lines less returns
 * and cancellations) that clean did not flag as an outlier, before the run's cutoff.
 *
 * Definitions (times in days, measured to the cutoff: the first instant after the as-of day):
 * - recencyDays      cutoff − last order time (Hughes 1994, RFM "R").
 * - frequency        counted orders ("F").
 * - monetary         their net amount ("M"), summed to the cent.
 * - tenureDays       cutoff − first order time.
 * - averageOrderValue monetary / frequency, to the cent.
 * - meanInterPurchaseDays (tenure − recency) / (frequency − 1); null for one-order customers.
 * - lastGapDays      time between the last two orders (by time, then order id); null for one-order customers.
 * - spendTrend       OLS slope of spend per period over the last `trendPeriods` periods of
 *                    `trendPeriodDays` days ending at the cutoff, counting only periods since the
 *                    customer's first order (0 with fewer than three such periods: a customer one
 *                    period old has no trend yet).
 * - spendTrendRelative spendTrend / mean spend per period over the same periods (0 if that mean ≤ 0):
 *                    +0.1 means spend grows by 10 % of the customer's average period per period.
 * - categoryShares / channelShares  share of the spend of the sale lines with an amount > 0 by
 *                    category / channel (lines without one left out); top = the largest share (ties →
 *                    the first name in code-point order).
 * - mostActiveWeekday (0 = Sunday) / mostActiveHour: the weekday / hour with most orders on the
 *                    local wall clock (ties → the earliest).
 * - festivalOrders   orders on a shopping-festival day (festivals.ts), local day.
 * - festivalExposure share of the local days from the first order's to the as-of day (both included)
 *                    that are shopping-festival days.
 * - priceIndex       mean ln(unit price / the category's median unit price in the run) over the lines
 *                    with a positive unit price in a category with a median; null without one.
 * - unitsPerLine     mean quantity of the lines.
 */

import { civilDate, dayNumber, isoWeekday, MS_PER_DAY } from '../calendar';
import { countDaysBetween, shoppingFestivalDays } from './festivals';

/** A sale line of a counted order. */
export interface SaleLine {
  channel: string | null;
  category: string | null;
  amount: number;
  quantity: number;
  /** The line's unit price, or its amount over its quantity when the export gives none; null when neither. */
  unitPrice: number | null;
}

/** One counted order of a customer. */
export interface CountedOrder {
  orderId: string;
  /** The instant, ms since 1970-01-01T00:00Z. */
  orderedAt: number;
  /** The same instant on the local wall clock, as ms since 1970-01-01 read as if that clock were UTC. */
  localTime: number;
  /** Sale lines less returns and cancellations; positive. */
  netAmount: number;
  lines: readonly SaleLine[];
}

export interface CustomerFeatures {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  tenureDays: number;
  averageOrderValue: number;
  meanInterPurchaseDays: number | null;
  lastGapDays: number | null;
  spendTrend: number;
  spendTrendRelative: number;
  categoryShares: Record<string, number>;
  channelShares: Record<string, number>;
  topCategory: string | null;
  topChannel: string | null;
  mostActiveWeekday: number;
  mostActiveHour: number;
  festivalOrders: number;
  festivalExposure: number;
  priceIndex: number | null;
  unitsPerLine: number | null;
  /** First and last order instants (ms). */
  firstOrderAt: number;
  lastOrderAt: number;
  /** Age in years at the as-of year, from the customer master data when it has a birth year (the profile stage joins it). */
  age?: number | null;
}

/**
 * The features the segmentation reads (analytics/segment/): the segment step reads only these
 * from the stored profiles, which at 400,000 customers keeps them in about half the heap.
 */
export type SegmentationFeatures = Pick<CustomerFeatures, 'customerId' | 'recencyDays' | 'frequency' | 'monetary' | 'tenureDays' | 'averageOrderValue'
  | 'meanInterPurchaseDays' | 'lastGapDays' | 'spendTrendRelative' | 'channelShares' | 'festivalOrders' | 'festivalExposure' | 'priceIndex' | 'unitsPerLine' | 'age'>;

/** What every customer's features are measured against: one per run. */
export interface FeatureContext {
  /** The first instant after the as-of day (ms): the exclusive end of what the features see. */
  cutoff: number;
  /** The as-of day, local (days since 1970-01-01). */
  asOfDay: number;
  /** Median unit price of each category over the run's counted sale lines (price index). */
  categoryMedianPrice: ReadonlyMap<string, number>;
  trendPeriods?: number;
  trendPeriodDays?: number;
}

const HOUR_MS = 3_600_000;
const TREND_DEFAULTS = { trendPeriods: 6, trendPeriodDays: 30 };
const MIN_TREND_PERIODS = 3;

/** Shopping-festival days of the years met so far, computed a year at a time (shared by a run's customers). */
const festivalYears = new Map<number, number[]>();

function festivalDaysOf(year: number): number[] {
  let days = festivalYears.get(year);
  if (!days) {
    days = shoppingFestivalDays(year, year);
    festivalYears.set(year, days);
  }
  return days;
}

const yearOfDay = (day: number) => civilDate(day).year;

/** Every festival day of the years from `festivalSpan.first` to `.last`, for one lookup an order. */
const festivalSet = new Set<number>();
const festivalSpan = { first: Infinity, last: -Infinity, fromDay: Infinity, toDay: -Infinity };

function isFestivalDay(day: number): boolean {
  if (day < festivalSpan.fromDay || day > festivalSpan.toDay) {
    const year = yearOfDay(day);
    // Keep the span of years whole, so a day inside it needs no year of its own.
    for (let y = Math.min(year, festivalSpan.first); y <= Math.max(year, festivalSpan.last); y++) for (const d of festivalDaysOf(y)) festivalSet.add(d);
    festivalSpan.first = Math.min(year, festivalSpan.first);
    festivalSpan.last = Math.max(year, festivalSpan.last);
    festivalSpan.fromDay = dayNumber(festivalSpan.first, 1, 1);
    festivalSpan.toDay = dayNumber(festivalSpan.last, 12, 31);
  }
  return festivalSet.has(day);
}

/** How many days from..to (inclusive) are festival days. */
function festivalDaysBetween(from: number, to: number): number {
  let count = 0;
  for (let year = yearOfDay(from); year <= yearOfDay(to); year++) count += countDaysBetween(festivalDaysOf(year), from, to);
  return count;
}

/** Normalized shares and the key with the largest spend (ties → the first key in code-point order). */
function sharesOf(spend: Map<string, number>): { shares: Record<string, number>; top: string | null } {
  let total = 0;
  for (const v of spend.values()) total += v;
  const shares: Record<string, number> = {};
  let top: string | null = null;
  for (const key of [...spend.keys()].sort()) {
    shares[key] = spend.get(key)! / total;
    if (top === null || spend.get(key)! > spend.get(top)!) top = key;
  }
  return { shares, top };
}

function argMax(counts: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return best;
}

/** OLS slope of y over 0, 1, …, and the mean of y; slope 0 for fewer than MIN_TREND_PERIODS points. */
function slopeAndMean(y: readonly number[]): { slope: number; mean: number } {
  const n = y.length;
  let sum = 0;
  for (const v of y) sum += v;
  const mean = n > 0 ? sum / n : 0;
  if (n < MIN_TREND_PERIODS) return { slope: 0, mean };
  const xMean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * (y[i] - mean);
    sxx += (i - xMean) ** 2;
  }
  return { slope: sxy / sxx, mean };
}

const cents = (amount: number) => Math.round(amount * 100);

/**
 * The features of one customer from their counted orders (any order).
 * @throws RangeError without orders, or with an order at or after the cutoff or with a non-finite amount.
 * @example
 * customerFeatures('a', [{ orderId: 'o1', orderedAt: Date.parse('2024-01-01'), localTime: Date.parse('2024-01-01'), netAmount: 10, lines: [] }],
 *   { cutoff: Date.parse('2024-01-31'), asOfDay: 19751, categoryMedianPrice: new Map() }).recencyDays // → 30
 */
export function customerFeatures(customerId: string, orders: readonly CountedOrder[], context: FeatureContext): CustomerFeatures {
  const { cutoff, asOfDay, categoryMedianPrice } = context;
  const { trendPeriods, trendPeriodDays } = { ...TREND_DEFAULTS, ...context };
  if (orders.length === 0) throw new RangeError(`customerFeatures: customer ${customerId} has no orders`);
  const ageDays = (t: number) => (cutoff - t) / 1000 / 86_400;
  const byRecency = [...orders].sort((p, q) => q.orderedAt - p.orderedAt || (p.orderId < q.orderId ? -1 : p.orderId > q.orderId ? 1 : 0));
  const periodCents = new Array<number>(trendPeriods).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const hours = new Array<number>(24).fill(0);
  const channelSpend = new Map<string, number>();
  const categorySpend = new Map<string, number>();
  let spentCents = 0;
  let festivalOrders = 0;
  let firstLocalDay = Infinity;
  let lines = 0;
  let units = 0;
  let priced = 0;
  let logPriceRatios = 0;
  for (const order of byRecency) {
    if (!(order.orderedAt < cutoff) || !Number.isFinite(order.netAmount)) {
      throw new RangeError(`customerFeatures: order ${order.orderId} of customer ${customerId} is at or after the cutoff or has no finite amount`);
    }
    spentCents += cents(order.netAmount);
    const period = Math.floor(ageDays(order.orderedAt) / trendPeriodDays);
    if (period < trendPeriods) periodCents[period] += cents(order.netAmount);
    const localDay = Math.floor(order.localTime / MS_PER_DAY);
    firstLocalDay = Math.min(firstLocalDay, localDay);
    weekdays[isoWeekday(localDay) % 7] += 1; // ISO 7 = Sunday → 0
    hours[Math.floor((order.localTime - localDay * MS_PER_DAY) / HOUR_MS)] += 1;
    if (isFestivalDay(localDay)) festivalOrders += 1;
    for (const line of order.lines) {
      if (!(line.amount > 0)) continue;
      lines += 1;
      units += line.quantity;
      if (line.channel) channelSpend.set(line.channel, (channelSpend.get(line.channel) ?? 0) + line.amount);
      if (line.category) categorySpend.set(line.category, (categorySpend.get(line.category) ?? 0) + line.amount);
      const median = line.category ? categoryMedianPrice.get(line.category) : undefined;
      if (line.unitPrice !== null && line.unitPrice > 0 && median !== undefined && median > 0) {
        priced += 1;
        logPriceRatios += Math.log(line.unitPrice / median);
      }
    }
  }
  const frequency = orders.length;
  const last = byRecency[0];
  const first = byRecency[frequency - 1];
  const recencyDays = ageDays(last.orderedAt);
  const tenureDays = ageDays(first.orderedAt);
  const activePeriods = Math.min(trendPeriods, Math.floor(tenureDays / trendPeriodDays) + 1);
  // Oldest period first: x = 0 is the earliest of the active periods.
  const { slope, mean } = slopeAndMean(periodCents.slice(0, activePeriods).reverse().map((c) => c / 100));
  const categories = sharesOf(categorySpend);
  const channels = sharesOf(channelSpend);
  return {
    customerId,
    recencyDays,
    frequency,
    monetary: spentCents / 100,
    tenureDays,
    // To the cent, rounded half up as PostgreSQL stores it: the quotient of whole cents is exact at a half cent.
    averageOrderValue: Math.round(spentCents / frequency) / 100,
    meanInterPurchaseDays: frequency > 1 ? (tenureDays - recencyDays) / (frequency - 1) : null,
    lastGapDays: frequency > 1 ? ageDays(byRecency[1].orderedAt) - recencyDays : null,
    spendTrend: slope,
    spendTrendRelative: mean > 0 ? slope / mean : 0,
    categoryShares: categories.shares,
    channelShares: channels.shares,
    topCategory: categories.top,
    topChannel: channels.top,
    mostActiveWeekday: argMax(weekdays),
    mostActiveHour: argMax(hours),
    festivalOrders,
    festivalExposure: asOfDay < firstLocalDay ? 0 : festivalDaysBetween(firstLocalDay, asOfDay) / (asOfDay - firstLocalDay + 1),
    priceIndex: priced > 0 ? logPriceRatios / priced : null,
    unitsPerLine: lines > 0 ? units / lines : null,
    firstOrderAt: first.orderedAt,
    lastOrderAt: last.orderedAt,
  };
}
