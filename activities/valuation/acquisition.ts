/**
 * CAC per channel and period (analytics/value/cac.ts) from the run's marketing spend and each
 * customer's first order (net amount > 0 — outlier amounts still acquire a customer — dated to
 * its local day, channel `unknown` when the export has none). Customers whose first order
 * falls in the first month of the data may be older customers: the data cannot tell.
 */
import type { PoolClient } from 'pg';
import { acquisitionCosts, type AcquisitionCost, type ChannelPurchase, type MarketingSpend } from '../../analytics/value/cac';
import { periodOf, type Granularity } from '../../analytics/value/period';
import type { RunWindow } from './runWindow';

const FIRST_PURCHASES_SQL = `
SELECT DISTINCT ON (customer_id) customer_id, to_char(ordered_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day,
       coalesce(nullif(channel, ''), 'unknown') AS channel
FROM clean_orders
WHERE run_id = $1 AND net_amount > 0 AND ordered_at < $3::timestamptz
ORDER BY customer_id, ordered_at, order_id
`;

const SPEND_SQL = `
SELECT channel, to_char(month, 'YYYY-MM-DD') AS month, spend::float8 AS spend
FROM clean_marketing_spend WHERE run_id = $1 ORDER BY month, channel
`;

export interface Acquisition {
  costs: AcquisitionCost[];
  /** Where and what it cost to acquire each customer. */
  byCustomer: Map<string, { channel: string; period: string; cost: number }>;
}

export async function measureAcquisition(client: PoolClient, run: RunWindow, granularity: Granularity): Promise<Acquisition> {
  const first = await client.query<{ customer_id: string; day: string; channel: string }>(FIRST_PURCHASES_SQL, [run.runId, run.timeZone, run.cutoff.toISOString()]);
  const spendRows = await client.query<{ channel: string; month: string; spend: number }>(SPEND_SQL, [run.runId]);
  const spend: MarketingSpend[] = spendRows.rows.map((r) => ({ channel: r.channel, period: periodOf(r.month, granularity), spend: r.spend }));
  const purchases: ChannelPurchase[] = first.rows.map((r) => ({ customerId: r.customer_id, date: r.day, channel: r.channel }));
  const costs = acquisitionCosts(spend, purchases, { granularity });
  const cellCost = new Map(costs.map((c) => [`${c.channel}\t${c.period}`, c.cac ?? 0]));
  const byCustomer = new Map(purchases.map((p) => {
    const period = periodOf(p.date, granularity);
    return [p.customerId, { channel: p.channel, period, cost: cellCost.get(`${p.channel}\t${period}`) ?? 0 }];
  }));
  return { costs, byCustomer };
}
