/**
 * Customer acquisition cost per channel and period (SPEC §5): CAC = marketing spend / new
 * customers acquired. A customer is new in the period of their first purchase and is
 * attributed to the channel of that purchase (the first listed, if several share the first
 * day). Spend with no new customer gives no CAC (null, flagged) rather than a division by zero;
 * new customers with no recorded spend give CAC 0, flagged as well.
 */
import { isPeriodLabel, periodOf, requireIsoDay, type Granularity } from '../calendar';

export interface MarketingSpend {
  channel: string;
  /** Period label of the granularity, e.g. `2024-05` for months. */
  period: string;
  spend: number;
}

export interface ChannelPurchase {
  customerId: string;
  /** `YYYY-MM-DD`. */
  date: string;
  channel: string;
}

export type CacFlag = 'no_new_customers' | 'no_spend_recorded';

export interface AcquisitionCost {
  channel: string;
  period: string;
  spend: number;
  newCustomers: number;
  /** spend / newCustomers; null when no customer was acquired. */
  cac: number | null;
  flag: CacFlag | null;
}

export interface AcquisitionCostOptions {
  /** Default `month`, the granularity marketing spend is booked in. */
  granularity?: Granularity;
}

/**
 * CAC for every (channel, period) with spend or new customers, sorted by period then channel.
 * Several spend rows for the same channel and period are added up.
 * @throws on a negative or non-finite spend, a malformed period label or purchase date.
 * @example
 * acquisitionCosts(
 *   [{ channel: 'app', period: '2024-05', spend: 1000 }],
 *   [{ customerId: 'a', date: '2024-05-02', channel: 'app' }, { customerId: 'b', date: '2024-05-09', channel: 'app' }],
 * ) // [{ channel: 'app', period: '2024-05', spend: 1000, newCustomers: 2, cac: 500, flag: null }]
 */
export function acquisitionCosts(
  spend: readonly MarketingSpend[],
  purchases: readonly ChannelPurchase[],
  options: AcquisitionCostOptions = {},
): AcquisitionCost[] {
  const caller = 'acquisitionCosts';
  const granularity = options.granularity ?? 'month';
  const cells = new Map<string, { channel: string; period: string; spend: number; newCustomers: number }>();
  const cell = (channel: string, period: string) => {
    const key = JSON.stringify([period, channel]);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { channel, period, spend: 0, newCustomers: 0 }));
    return c;
  };
  spend.forEach((row, i) => {
    if (!(Number.isFinite(row.spend) && row.spend >= 0)) throw new RangeError(`${caller}: spend row ${i} has an invalid spend ${row.spend}`);
    if (!isPeriodLabel(row.period, granularity)) throw new RangeError(`${caller}: spend row ${i} period "${row.period}" is not a ${granularity} label`);
    cell(row.channel, row.period).spend += row.spend;
  });
  const first = new Map<string, { day: number; date: string; channel: string }>();
  purchases.forEach((p, i) => {
    const day = requireIsoDay(p.date, caller, `purchase ${i} date`);
    const seen = first.get(p.customerId);
    if (!seen || day < seen.day) first.set(p.customerId, { day, date: p.date, channel: p.channel });
  });
  for (const { date, channel } of first.values()) cell(channel, periodOf(date, granularity, caller)).newCustomers++;
  return [...cells.values()]
    .sort((u, w) => (u.period === w.period ? u.channel.localeCompare(w.channel) : u.period.localeCompare(w.period)))
    .map((c) => ({
      ...c,
      cac: c.newCustomers > 0 ? c.spend / c.newCustomers : null,
      flag: c.newCustomers === 0 ? 'no_new_customers' : c.spend === 0 ? 'no_spend_recorded' : null,
    }));
}
