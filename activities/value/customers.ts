/**
 * Per-customer BG/NBD summaries built in SQL from the run's cleaned orders, by the convention
 * of analytics/clv/summary.ts (the one the `clv` CLI uses): orders (net amount > 0, not
 * outliers, before the end of the as-of day) are merged into one purchase per local calendar
 * day in the run's time zone; x = purchase days − 1, t_x = last − first day, T = as-of day −
 * first day, both in days divided by the unit's length; monetary value = mean of the repeat
 * purchase days' amounts (0 for one-time buyers). Total spend includes the first purchase.
 */
import type { PoolClient } from 'pg';
import { DAYS_PER_UNIT, type CustomerSummary, type TimeUnit } from '../../analytics/clv/summary';
import type { RunContext } from '../../contract/runContext';

/** $1 run id, $2 time zone, $3 cutoff (exclusive end of the as-of day), $4 as-of day. */
const SUMMARY_SQL = `
WITH days AS (
  SELECT customer_id, (ordered_at AT TIME ZONE $2)::date AS day, sum(net_amount)::float8 AS amount
  FROM clean_orders
  WHERE run_id = $1 AND net_amount > 0 AND NOT is_outlier AND ordered_at < $3::timestamptz
  GROUP BY 1, 2
),
ranked AS (
  SELECT days.*, row_number() OVER (PARTITION BY customer_id ORDER BY day) AS rn FROM days
)
SELECT customer_id,
       (count(*) - 1)::int AS frequency,
       (max(day) - min(day))::int AS recency_days,
       ($4::date - min(day))::int AS age_days,
       coalesce(avg(amount) FILTER (WHERE rn > 1), 0)::float8 AS monetary_value,
       sum(amount)::float8 AS total_spend
FROM ranked GROUP BY customer_id ORDER BY customer_id
`;

export interface CustomerSpendSummary extends CustomerSummary {
  totalSpend: number;
}

interface SummaryRow {
  customer_id: string;
  frequency: number;
  recency_days: number;
  age_days: number;
  monetary_value: number;
  total_spend: number;
}

export async function loadCustomerSummaries(client: PoolClient, run: RunContext, timeUnit: TimeUnit): Promise<CustomerSpendSummary[]> {
  const unitDays = DAYS_PER_UNIT[timeUnit];
  const { rows } = await client.query<SummaryRow>(SUMMARY_SQL, [run.runId, run.timeZone, run.cutoff, run.asOf]);
  return rows.map((r) => ({
    customerId: r.customer_id,
    frequency: r.frequency,
    recency: r.recency_days / unitDays,
    T: r.age_days / unitDays,
    monetaryValue: r.monetary_value,
    totalSpend: r.total_spend,
  }));
}
