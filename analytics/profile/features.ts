/**
 * Per-customer behavioural features (SPEC §3) from order rows, as of a date. This is the
 * reference implementation: the database will compute most of it in SQL later and must
 * agree with it; the `segment` CLI uses it directly.
 *
 * Definitions (all times in days, `asOf` exclusive of later rows):
 * - recencyDays      asOf − last order time (Hughes 1994, RFM "R").
 * - frequency        number of distinct orders (rows sharing an `orderId` are one order; without
 *                    `orderId` each row is an order) ("F").
 * - monetary         total amount, returns included as negative amounts ("M").
 * - tenureDays       asOf − first order time.
 * - averageOrderValue monetary / frequency.
 * - meanInterPurchaseDays (last − first) / (frequency − 1); null for one-order customers.
 * - lastGapDays      time between the last two orders; null for one-order customers.
 * - spendTrend       OLS slope of spend per period over the last `trendPeriods` periods of
 *                    `trendPeriodDays` days ending at asOf, counting only periods since the
 *                    customer's first order (0 with fewer than three such periods: a
 *                    customer one period old has no trend yet).
 * - spendTrendRelative spendTrend / mean spend per period over the same periods (0 if that mean ≤ 0):
 *                    +0.1 means spend grows by 10 % of the customer's average period per period.
 * - categoryShares / channelShares  share of the customer's positive spend by category / channel.
 * - mostActiveWeekday (0 = Sunday) / mostActiveHour: the weekday / hour with most orders, in the
 *                    time zone `utcOffsetMinutes` east of UTC (ties → the earliest).
 * - festivalOrders   orders on a shopping-festival day (festivals.ts), local time.
 * - festivalExposure share of the local days from the first order's to asOf's (both included)
 *                    that are shopping-festival days.
 */

import { civilDate, isoWeekday, MS_PER_DAY } from '../calendar';
import { countDaysBetween, shoppingFestivalDays } from './festivals';

/** One order row; cleaned order lines (analytics/cleaning) fit this shape. */
export interface OrderRow {
  customerId: string;
  orderedAt: Date;
  amount: number;
  orderId?: string | null;
  channel?: string | null;
  category?: string | null;
  productId?: string | null;
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
  /**
   * Mean log of unit price over the category's median unit price (< 0: buys the cheaper items of
   * a category) and mean units per line (stocking up): the profile stage computes them from the
   * order lines' prices and quantities, which order rows alone do not carry.
   */
  priceIndex?: number | null;
  unitsPerLine?: number | null;
  /** Age in years at the as-of date when the customer master data has a birth year (the profile stage joins it; order rows alone never carry it). */
  age?: number | null;
}

export interface FeatureOptions {
  asOf: Date;
  trendPeriods?: number;
  trendPeriodDays?: number;
  utcOffsetMinutes?: number;
}

const DEFAULTS: Required<Omit<FeatureOptions, 'asOf'>> = { trendPeriods: 6, trendPeriodDays: 30, utcOffsetMinutes: 0 };

/** Running totals per customer, in typed arrays indexed by the customer's position. */
class Accumulator {
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();
  private capacity = 1024;
  first = new Float64Array(this.capacity);
  last = new Float64Array(this.capacity);
  secondLast = new Float64Array(this.capacity);
  orders = new Int32Array(this.capacity);
  festivalOrders = new Int32Array(this.capacity);
  spend = new Float64Array(this.capacity);
  periodSpend: Float64Array;
  weekdays = new Int32Array(this.capacity * 7);
  hours = new Int32Array(this.capacity * 24);
  readonly categorySpend: Map<string, number>[] = [];
  readonly channelSpend: Map<string, number>[] = [];

  constructor(readonly periods: number) {
    this.periodSpend = new Float64Array(this.capacity * periods);
  }

  positionOf(customerId: string): number {
    const known = this.index.get(customerId);
    if (known !== undefined) return known;
    const position = this.ids.length;
    if (position === this.capacity) this.grow();
    this.ids.push(customerId);
    this.index.set(customerId, position);
    this.first[position] = Infinity;
    this.last[position] = -Infinity;
    this.secondLast[position] = -Infinity;
    this.categorySpend.push(new Map());
    this.channelSpend.push(new Map());
    return position;
  }

  private grow(): void {
    this.capacity *= 2;
    const f64 = (a: Float64Array, width = 1) => {
      const b = new Float64Array(this.capacity * width);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array, width = 1) => {
      const b = new Int32Array(this.capacity * width);
      b.set(a);
      return b;
    };
    this.first = f64(this.first);
    this.last = f64(this.last);
    this.secondLast = f64(this.secondLast);
    this.orders = i32(this.orders);
    this.festivalOrders = i32(this.festivalOrders);
    this.spend = f64(this.spend);
    this.periodSpend = f64(this.periodSpend, this.periods);
    this.weekdays = i32(this.weekdays, 7);
    this.hours = i32(this.hours, 24);
  }
}

function addShare(shares: Map<string, number>, key: string | null | undefined, amount: number): void {
  if (key === null || key === undefined || key === '' || !(amount > 0)) return;
  shares.set(key, (shares.get(key) ?? 0) + amount);
}

/** Normalized shares (sorted by key) and the key with the largest share (ties → first key). */
function sharesOf(spend: Map<string, number>): { shares: Record<string, number>; top: string | null } {
  let total = 0;
  for (const v of spend.values()) total += v;
  const shares: Record<string, number> = {};
  let top: string | null = null;
  for (const key of [...spend.keys()].sort()) {
    shares[key] = spend.get(key)! / total;
    if (top === null || shares[key] > shares[top]) top = key;
  }
  return { shares, top };
}

function argMax(counts: Int32Array, offset: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (counts[offset + i] > counts[offset + best]) best = i;
  return best;
}

/** Shopping-festival days of the years met so far, computed a year at a time. */
class FestivalDays {
  private readonly years = new Map<number, number[]>();

  private ofYear(year: number): number[] {
    let days = this.years.get(year);
    if (!days) {
      days = shoppingFestivalDays(year, year);
      this.years.set(year, days);
    }
    return days;
  }

  has(day: number): boolean {
    return countDaysBetween(this.ofYear(civilDate(day).year), day, day) === 1;
  }

  /** Share of the days from..to (inclusive) that are festival days; 0 for an empty span. */
  exposure(from: number, to: number): number {
    if (to < from) return 0;
    let count = 0;
    const [fromYear, toYear] = [from, to].map((d) => civilDate(d).year);
    for (let year = fromYear; year <= toYear; year++) count += countDaysBetween(this.ofYear(year), from, to);
    return count / (to - from + 1);
  }
}

const MIN_TREND_PERIODS = 3;

/** OLS slope of y over 0, 1, …, and the mean of y; slope 0 for fewer than MIN_TREND_PERIODS points. */
function slopeAndMean(y: Float64Array): { slope: number; mean: number } {
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

/**
 * Features for every customer with at least one order on or before `asOf`, in order of first
 * appearance in `orders`.
 * @throws RangeError when `asOf` is not a valid date or a row's date or amount is not finite.
 * @example
 * customerFeatures([{ customerId: 'a', orderedAt: new Date('2024-01-01'), amount: 10 }],
 *   { asOf: new Date('2024-01-31') })[0].recencyDays // → 30
 */
export function customerFeatures(orders: readonly OrderRow[], options: FeatureOptions): CustomerFeatures[] {
  const { asOf, trendPeriods, trendPeriodDays, utcOffsetMinutes } = { ...DEFAULTS, ...options };
  const asOfMs = asOf.getTime();
  if (!Number.isFinite(asOfMs)) throw new RangeError('customerFeatures: asOf is not a valid date');
  const acc = new Accumulator(trendPeriods);
  const seenOrders = new Set<string>();
  const offsetMs = utcOffsetMinutes * 60_000;
  const festival = new FestivalDays();

  orders.forEach((row, r) => {
    const t = row.orderedAt.getTime();
    if (!Number.isFinite(t) || !Number.isFinite(row.amount)) {
      throw new RangeError(`customerFeatures: row ${r} (customer ${row.customerId}) has an invalid date or amount`);
    }
    if (t > asOfMs) return;
    const c = acc.positionOf(row.customerId);
    acc.spend[c] += row.amount;
    const age = Math.floor((asOfMs - t) / (trendPeriodDays * MS_PER_DAY));
    if (age < trendPeriods) acc.periodSpend[c * trendPeriods + (trendPeriods - 1 - age)] += row.amount;
    addShare(acc.categorySpend[c], row.category, row.amount);
    addShare(acc.channelSpend[c], row.channel, row.amount);

    const isNewOrder = row.orderId == null || !seenOrders.has(row.orderId);
    if (!isNewOrder) return;
    if (row.orderId != null) seenOrders.add(row.orderId);
    acc.orders[c] += 1;
    if (t < acc.first[c]) acc.first[c] = t;
    if (t > acc.last[c]) {
      acc.secondLast[c] = acc.last[c];
      acc.last[c] = t;
    } else if (t > acc.secondLast[c]) {
      acc.secondLast[c] = t;
    }
    const localMs = t + offsetMs;
    const day = Math.floor(localMs / MS_PER_DAY);
    acc.weekdays[c * 7 + (isoWeekday(day) % 7)] += 1; // Sunday 0 … Saturday 6
    acc.hours[c * 24 + Math.floor((localMs - day * MS_PER_DAY) / 3_600_000)] += 1;
    if (festival.has(day)) acc.festivalOrders[c] += 1;
  });
  // asOf is an exclusive-end instant (e.g. the end of the as-of day): its local day is the one before it.
  const asOfDay = Math.floor((asOfMs - 1 + offsetMs) / MS_PER_DAY);

  return acc.ids.map((customerId, c) => {
    const frequency = acc.orders[c];
    const tenureDays = (asOfMs - acc.first[c]) / MS_PER_DAY;
    const activePeriods = Math.min(trendPeriods, Math.floor(tenureDays / trendPeriodDays) + 1);
    const periodSpend = acc.periodSpend.subarray((c + 1) * trendPeriods - activePeriods, (c + 1) * trendPeriods);
    const { slope, mean } = slopeAndMean(periodSpend);
    const categories = sharesOf(acc.categorySpend[c]);
    const channels = sharesOf(acc.channelSpend[c]);
    const firstDay = Math.floor((acc.first[c] + offsetMs) / MS_PER_DAY);
    return {
      customerId,
      recencyDays: (asOfMs - acc.last[c]) / MS_PER_DAY,
      frequency,
      monetary: acc.spend[c],
      tenureDays,
      averageOrderValue: acc.spend[c] / frequency,
      meanInterPurchaseDays: frequency > 1 ? (acc.last[c] - acc.first[c]) / MS_PER_DAY / (frequency - 1) : null,
      lastGapDays: frequency > 1 ? (acc.last[c] - acc.secondLast[c]) / MS_PER_DAY : null,
      spendTrend: slope,
      spendTrendRelative: mean > 0 ? slope / mean : 0,
      categoryShares: categories.shares,
      channelShares: channels.shares,
      topCategory: categories.top,
      topChannel: channels.top,
      mostActiveWeekday: argMax(acc.weekdays, c * 7, 7),
      mostActiveHour: argMax(acc.hours, c * 24, 24),
      festivalOrders: acc.festivalOrders[c],
      festivalExposure: festival.exposure(firstDay, asOfDay),
    };
  });
}
