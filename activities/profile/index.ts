/**
 * Profile stage: one row per customer in `customer_profiles`, aggregated in SQL from the
 * run's cleaned orders (net amount > 0, not outliers, ordered before the end of the as-of day
 * in the run's time zone) and its sale lines (channel / category spend). The definitions
 * follow analytics/profile/features.ts at order level: recency and tenure in fractional days
 * to the end of the as-of day, frequency = orders, monetary = net spend, mean inter-purchase
 * time = (last − first) / (frequency − 1), last gap = time between the last two orders, spend
 * trend = OLS slope of spend per 30-day period over the last six periods since the first order
 * (0 with fewer than three); channel and category shares of line spend; demographics (age at the
 * as-of year, age band, generation, gender, region, city tier) from the run's clean customers;
 * orders on shopping-festival days and the festival share of the days since the first order
 * (analytics/profile/festivals.ts), local time; the price index (mean log unit price over the
 * category's median in this run) and units per line of the sale lines.
 * Sums stay numeric (exact) and the float slope is rounded, so a re-run gives the same bits
 * whatever order PostgreSQL adds in — the reports, and whether a re-run mails them again, depend
 * on it.
 */
import { formatDay } from '../../analytics/calendar';
import { shoppingFestivalDays } from '../../analytics/profile/festivals';
import type { ProfileResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { defineStage } from '../stage';

const TREND_PERIODS = 6;
const TREND_PERIOD_DAYS = 30;

/**
 * $1 run id, $2 cutoff (exclusive end of the as-of day), $3 trend periods, $4 period days, $5 the
 * as-of year (age = it − birth year), $6 the time zone, $7 the shopping-festival days (ascending)
 * from the first order's year to the as-of year, $8 the as-of day.
 */
const PROFILE_SQL = `
WITH festival AS (
  SELECT unnest($7::date[]) AS day
),
o AS (
  SELECT c.order_id, c.customer_id, c.ordered_at, c.net_amount, (c.ordered_at AT TIME ZONE $6)::date AS local_day,
         f.day IS NOT NULL AS on_festival,
         extract(epoch FROM ($2::timestamptz - c.ordered_at))::float8 / 86400 AS age_days
  FROM clean_orders c LEFT JOIN festival f ON f.day = (c.ordered_at AT TIME ZONE $6)::date
  WHERE c.run_id = $1 AND c.net_amount > 0 AND NOT c.is_outlier AND c.ordered_at < $2::timestamptz
),
ranked AS (
  SELECT o.*, row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at DESC, order_id) AS rn FROM o
),
base AS (
  SELECT customer_id,
         count(*)::int AS frequency,
         sum(net_amount) AS monetary,
         min(age_days) AS recency_days,
         max(age_days) AS tenure_days,
         min(ordered_at) AS first_order_at,
         max(ordered_at) AS last_order_at,
         min(age_days) FILTER (WHERE rn = 2) - min(age_days) FILTER (WHERE rn = 1) AS last_gap_days,
         count(*) FILTER (WHERE on_festival)::int AS festival_orders,
         min(local_day) AS first_local_day
  FROM ranked GROUP BY customer_id
),
period_spend AS (
  SELECT customer_id, floor(age_days / $4::float8)::int AS age, sum(net_amount)::float8 AS spend
  FROM o WHERE age_days < $3::int * $4::float8 GROUP BY 1, 2
),
active AS (
  SELECT customer_id, least($3::int, floor(tenure_days / $4::float8)::int + 1) AS n FROM base
),
series AS (
  SELECT a.customer_id, a.n, (a.n - 1 - g.age)::float8 AS x, coalesce(p.spend, 0) AS y
  FROM active a
  CROSS JOIN LATERAL generate_series(0, a.n - 1) AS g(age)
  LEFT JOIN period_spend p ON p.customer_id = a.customer_id AND p.age = g.age
),
trend AS (
  SELECT customer_id,
         CASE WHEN min(n) >= 3 THEN round(regr_slope(y, x)::numeric, 8) ELSE 0 END AS slope,
         avg(y::numeric) AS mean
  FROM series GROUP BY customer_id
),
line_spend AS (
  SELECT l.customer_id, l.channel, l.category, l.amount, l.quantity, coalesce(l.unit_price, l.amount / nullif(l.quantity, 0)) AS unit_price
  FROM clean_order_lines l JOIN o ON o.order_id = l.order_id
  WHERE l.run_id = $1 AND l.kind = 'sale' AND l.amount > 0
),
category_price AS (
  SELECT category, percentile_cont(0.5) WITHIN GROUP (ORDER BY unit_price) AS median
  FROM line_spend WHERE unit_price > 0 AND category IS NOT NULL AND category <> '' GROUP BY category
),
basket AS (
  SELECT s.customer_id,
         round(avg(ln(s.unit_price / p.median::numeric)) FILTER (WHERE s.unit_price > 0 AND p.median > 0), 8) AS price_index,
         round(avg(s.quantity), 6) AS units_per_line
  FROM line_spend s LEFT JOIN category_price p USING (category) GROUP BY s.customer_id
),
channels AS (
  SELECT customer_id, channel, sum(amount) AS spend
  FROM line_spend WHERE channel IS NOT NULL AND channel <> '' GROUP BY 1, 2
),
channel_summary AS (
  SELECT customer_id,
         jsonb_object_agg(channel, spend / total) AS shares,
         (array_agg(channel ORDER BY spend DESC, channel COLLATE "C"))[1] AS top
  FROM (SELECT c.*, sum(spend) OVER (PARTITION BY customer_id) AS total FROM channels c) s
  GROUP BY customer_id
),
categories AS (
  SELECT customer_id, category, sum(amount) AS spend
  FROM line_spend WHERE category IS NOT NULL AND category <> '' GROUP BY 1, 2
),
category_summary AS (
  SELECT customer_id,
         jsonb_object_agg(category, spend / total) AS shares,
         (array_agg(category ORDER BY spend DESC, category COLLATE "C"))[1] AS top
  FROM (SELECT c.*, sum(spend) OVER (PARTITION BY customer_id) AS total FROM categories c) s
  GROUP BY customer_id
)
INSERT INTO customer_profiles (run_id, customer_id, recency_days, frequency, monetary, tenure_days, avg_order_value,
  mean_interpurchase_days, last_gap_days, spend_trend, spend_trend_relative, first_order_at, last_order_at,
  top_channel, top_category, channel_shares, category_shares, age, age_band, generation, gender, region, city_tier,
  festival_orders, festival_exposure, price_index, units_per_line)
SELECT $1, b.customer_id, b.recency_days, b.frequency, b.monetary, b.tenure_days, b.monetary / b.frequency,
       CASE WHEN b.frequency > 1 THEN (b.tenure_days - b.recency_days) / (b.frequency - 1) END,
       b.last_gap_days,
       coalesce(t.slope, 0),
       CASE WHEN t.mean > 0 THEN coalesce(t.slope, 0) / t.mean ELSE 0 END,
       b.first_order_at, b.last_order_at, ch.top, ca.top, coalesce(ch.shares, '{}'::jsonb), coalesce(ca.shares, '{}'::jsonb),
       $5::int - cu.birth_year, cu.age_band, cu.generation, cu.gender, cu.region, cu.city_tier,
       b.festival_orders,
       (width_bucket($8::date, $7::date[]) - width_bucket(b.first_local_day - 1, $7::date[]))::float8 / ($8::date - b.first_local_day + 1),
       k.price_index, k.units_per_line
FROM base b
LEFT JOIN trend t USING (customer_id)
LEFT JOIN channel_summary ch USING (customer_id)
LEFT JOIN category_summary ca USING (customer_id)
LEFT JOIN basket k USING (customer_id)
LEFT JOIN clean_customers cu ON cu.run_id = $1 AND cu.customer_id = b.customer_id
`;

export const profileStage = defineStage<StageInput, Omit<ProfileResult, 'ms'>>({
  step: () => STEPS.profile,
  async run({ context: { runId, asOf, timeZone, cutoff }, client }) {
    const { rows } = await client.query<{ year: number | null }>(
      'SELECT extract(year FROM min(ordered_at) AT TIME ZONE $2)::int AS year FROM clean_orders WHERE run_id = $1', [runId, timeZone]);
    const asOfYear = Number(asOf.slice(0, 4));
    const festivalDays = shoppingFestivalDays(Math.min(rows[0]?.year ?? asOfYear, asOfYear), asOfYear).map(formatDay);
    const inserted = await client.query(PROFILE_SQL, [runId, cutoff, TREND_PERIODS, TREND_PERIOD_DAYS, asOfYear, timeZone, festivalDays, asOf]);
    return { customers: inserted.rowCount ?? 0 };
  },
  rows: (result) => result.customers,
});
