/**
 * Segment profitability (analytics/value/profitability.ts) over the run's orders (net amount
 * > 0, not outliers, as the profiles count them): transactions and average profit per
 * transaction (average net amount × profit margin) per segment, less the segment's marketing
 * cost. Spend is booked per channel and month, not per segment, so each channel-month's spend
 * is shared among segments in proportion to their orders in that channel-month; spend in a
 * channel-month without orders stays unallocated (reported, not hidden).
 */
import type { PoolClient } from 'pg';
import { segmentProfitability, type SegmentProfitability } from '../../analytics/value/profitability';
import type { RunContext } from '../../contract/runContext';

export const PROFITABILITY_GROUPINGS = ['rfm_segment', 'customer_group'] as const;
export type ProfitabilityGrouping = (typeof PROFITABILITY_GROUPINGS)[number];

/**
 * $1 run id, $2 time zone, $3 cutoff. The grouping column is one of PROFITABILITY_GROUPINGS.
 * Sums and means are taken in numeric: a float sum depends on the order PostgreSQL adds rows in,
 * and a re-run must give the same bits (else its reports differ and finance is mailed again).
 */
const economicsSql = (grouping: ProfitabilityGrouping) => `
WITH o AS (
  SELECT s.${grouping} AS segment, coalesce(nullif(o.channel, ''), 'unknown') AS channel,
         date_trunc('month', o.ordered_at AT TIME ZONE $2)::date AS month, o.net_amount AS amount
  FROM clean_orders o JOIN customer_segments s ON s.run_id = o.run_id AND s.customer_id = o.customer_id
  WHERE o.run_id = $1 AND o.net_amount > 0 AND NOT o.is_outlier AND o.ordered_at < $3::timestamptz
),
cells AS (
  SELECT channel, month, segment, count(*)::float8 AS orders, sum(count(*)) OVER (PARTITION BY channel, month)::float8 AS cell_orders
  FROM o GROUP BY 1, 2, 3
),
spend AS (SELECT channel, month, sum(spend)::float8 AS spend FROM clean_marketing_spend WHERE run_id = $1 GROUP BY 1, 2),
cost AS (
  SELECT c.segment, sum((sp.spend * c.orders / c.cell_orders)::numeric) AS marketing_cost
  FROM cells c JOIN spend sp USING (channel, month) GROUP BY 1
),
sales AS (SELECT segment, count(*)::int AS transactions, avg(amount)::float8 AS average_amount FROM o GROUP BY 1)
SELECT s.segment, s.transactions, s.average_amount, coalesce(c.marketing_cost, 0)::float8 AS marketing_cost
FROM sales s LEFT JOIN cost c USING (segment) ORDER BY s.segment
`;

const TOTAL_SPEND_SQL = 'SELECT coalesce(sum(spend), 0)::float8 AS spend FROM clean_marketing_spend WHERE run_id = $1';

export interface Profitability {
  segments: Array<SegmentProfitability & { grouping: ProfitabilityGrouping }>;
  /** Marketing spend no segment carries (channel-months without orders). */
  unallocatedSpend: number;
}

export async function measureProfitability(client: PoolClient, run: RunContext, profitMargin: number): Promise<Profitability> {
  const params = [run.runId, run.timeZone, run.cutoff];
  const segments: Profitability['segments'] = [];
  /** Every order's customer has a segment and a group, so both groupings allocate the same total. */
  let allocated = 0;
  for (const grouping of PROFITABILITY_GROUPINGS) {
    const { rows } = await client.query<{ segment: string; transactions: number; average_amount: number; marketing_cost: number }>(economicsSql(grouping), params);
    const economics = rows.map((r) => ({
      segment: r.segment,
      transactions: r.transactions,
      averageProfitPerTransaction: r.average_amount * profitMargin,
      marketingCost: r.marketing_cost,
    }));
    allocated = economics.reduce((sum, e) => sum + e.marketingCost, 0);
    segments.push(...segmentProfitability(economics).map((s) => ({ ...s, grouping })));
  }
  const total = (await client.query<{ spend: number }>(TOTAL_SPEND_SQL, [run.runId])).rows[0].spend;
  return { segments, unallocatedSpend: Math.max(0, total - allocated) };
}
