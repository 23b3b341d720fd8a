/**
 * CAC per channel and period (analytics/value/cac.ts) from the run's marketing spend and each
 * customer's first order (net amount > 0 — outlier amounts still acquire a customer — dated to
 * its local day, channel `unknown` when the export has none).
 *
 * The order data starts somewhere: a customer who signed up before the first order of the run
 * was a customer before the data began, and their first order in the data is not their first
 * purchase (on the sample data, counting them inflates the first months' new customers up to
 * fourfold). They are not counted as acquired; their simple CLV is charged the average CAC of
 * the channel of their first order in the data instead.
 */
import type { PoolClient } from 'pg';
import { acquisitionCosts, type AcquisitionCost, type ChannelPurchase, type MarketingSpend } from '../../analytics/value/cac';
import { periodOf, type Granularity } from '../../analytics/calendar';
import type { RunContext } from '../../contract/runContext';

const FIRST_PURCHASES_SQL = `
WITH first AS (
  SELECT DISTINCT ON (customer_id) customer_id, ordered_at, coalesce(nullif(channel, ''), 'unknown') AS channel
  FROM clean_orders
  WHERE run_id = $1 AND net_amount > 0 AND ordered_at < $3::timestamptz
  ORDER BY customer_id, ordered_at, order_id
)
SELECT f.customer_id, to_char(f.ordered_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, f.channel,
       coalesce(c.signup_at < (SELECT min(ordered_at) FROM first), false) AS before_data
FROM first f LEFT JOIN clean_customers c ON c.run_id = $1 AND c.customer_id = f.customer_id
`;

const SPEND_SQL = `
SELECT channel, to_char(month, 'YYYY-MM-DD') AS month, spend::float8 AS spend
FROM clean_marketing_spend WHERE run_id = $1 ORDER BY month, channel
`;

export interface CustomerAcquisition {
  /** Channel of the first order in the data. */
  channel: string;
  /** Period of acquisition; null for a customer from before the data began. */
  period: string | null;
  /** The CAC of that channel and period, or the channel's average CAC when period is null. */
  cost: number;
}

export interface Acquisition {
  costs: AcquisitionCost[];
  byCustomer: Map<string, CustomerAcquisition>;
}

/** Spend over new customers per channel, across the periods (0 for a channel that acquired no one). */
function averageCostByChannel(costs: readonly AcquisitionCost[]): Map<string, number> {
  const totals = new Map<string, { spend: number; newCustomers: number }>();
  for (const c of costs) {
    const total = totals.get(c.channel) ?? { spend: 0, newCustomers: 0 };
    totals.set(c.channel, { spend: total.spend + c.spend, newCustomers: total.newCustomers + c.newCustomers });
  }
  return new Map([...totals].map(([channel, t]) => [channel, t.newCustomers > 0 ? t.spend / t.newCustomers : 0]));
}

export async function measureAcquisition(client: PoolClient, run: RunContext, granularity: Granularity): Promise<Acquisition> {
  const first = await client.query<{ customer_id: string; day: string; channel: string; before_data: boolean }>(FIRST_PURCHASES_SQL, [run.runId, run.timeZone, run.cutoff]);
  const spendRows = await client.query<{ channel: string; month: string; spend: number }>(SPEND_SQL, [run.runId]);
  const spend: MarketingSpend[] = spendRows.rows.map((r) => ({ channel: r.channel, period: periodOf(r.month, granularity), spend: r.spend }));
  const acquired: ChannelPurchase[] = first.rows.filter((r) => !r.before_data).map((r) => ({ customerId: r.customer_id, date: r.day, channel: r.channel }));
  const costs = acquisitionCosts(spend, acquired, { granularity });
  const cellCost = new Map(costs.map((c) => [`${c.channel}\t${c.period}`, c.cac ?? 0]));
  const channelCost = averageCostByChannel(costs);
  const byCustomer = new Map<string, CustomerAcquisition>(first.rows.map((r) => {
    if (r.before_data) return [r.customer_id, { channel: r.channel, period: null, cost: channelCost.get(r.channel) ?? 0 }];
    const period = periodOf(r.day, granularity);
    return [r.customer_id, { channel: r.channel, period, cost: cellCost.get(`${r.channel}\t${period}`) ?? 0 }];
  }));
  return { costs, byCustomer };
}
