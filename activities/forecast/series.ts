/**
 * The forecast stage's input (SPEC §6): weekly and monthly revenue, orders and active
 * customers per period — total, per channel, per customer group and per region — from the
 * run's `clean_orders` in SQL. Revenue is the order's net amount as cleaning defines it (sale
 * lines minus the returns and cancellations netted against the order), dated when the order
 * was placed, in the config's time zone; orders are those with a positive net amount, active
 * customers the distinct customers with one in the period. Outlier orders (cleaning's flag:
 * the MAD rule on log amount, and every negative net amount) are kept out of the modelled
 * values (SPEC §2), and each period carries what they add to the measure, so modelled +
 * outliers is the period's figure over all orders and the series reconcile with the source.
 * Orders of customers the segment stage did not place (no positive non-outlier order) fall
 * in the customer group `unsegmented`; orders without a channel in the channel `unknown`.
 */
import type { Knex } from 'knex';
import { civilDate, isoWeekday, parseDay, type CalendarKind } from '../../analytics/calendar';
import type { PeriodTotal } from '../../analytics/forecast/periodSeries';

export type SeriesDimension = 'total' | 'channel' | 'customer_group' | 'region';

/** What a series counts. */
export const MEASURES = ['revenue', 'orders', 'active_customers'] as const;
export type SeriesMeasure = (typeof MEASURES)[number];

export interface SeriesKey {
  frequency: CalendarKind;
  measure: SeriesMeasure;
  dimension: SeriesDimension;
  /** Channel or group; '' for the total. */
  member: string;
}

/** The outlier orders of a period and what they add to the series' measure. */
export interface LeftOut {
  orders: number;
  value: number;
}

export interface SeriesTotals extends SeriesKey {
  seriesId: string;
  /** Modelled values: outlier orders left out. */
  totals: PeriodTotal[];
  /** Per period start (YYYY-MM-DD), what the outlier orders add; absent where there are none. */
  outliers: Map<string, LeftOut>;
}

/**
 * `month:total`, `week:channel:APP` (revenue), `week:orders:total`, `month:active_customers:region:华东`:
 * the id a series keeps from run to run (the track record joins on it).
 */
export function seriesIdOf({ frequency, measure, dimension, member }: SeriesKey): string {
  const prefix = measure === 'revenue' ? frequency : `${frequency}:${measure}`;
  return dimension === 'total' ? `${prefix}:total` : `${prefix}:${dimension}:${member}`;
}

/**
 * One frequency's period totals. Bindings in order: time zone, run id, cutoff (exclusive end of
 * the as-of day, ISO), the as-of day's day of the month and ISO weekday (the `*_to_date`
 * columns: each period's measure over its days up to the as-of's position in it, which the
 * period to date is compared with), the frequency (`week` or `month`).
 */
const PERIOD_TOTALS_SQL = `
WITH o AS (
  SELECT (o.ordered_at AT TIME ZONE ?::text) AS local_at,
         coalesce(nullif(o.channel, ''), 'unknown') AS channel,
         coalesce(s.customer_group, 'unsegmented') AS customer_group,
         coalesce(nullif(c.region, ''), 'unknown') AS region,
         o.customer_id,
         o.net_amount,
         o.is_outlier
  FROM clean_orders o
  LEFT JOIN customer_segments s ON s.run_id = o.run_id AND s.customer_id = o.customer_id
  LEFT JOIN clean_customers c ON c.run_id = o.run_id AND c.customer_id = o.customer_id
  WHERE o.run_id = ? AND o.ordered_at < ?::timestamptz
), d AS (
  SELECT o.*, extract(day FROM local_at) <= ?::int AS in_month_to_date, extract(isodow FROM local_at) <= ?::int AS in_week_to_date
  FROM o
)
SELECT f.frequency,
       CASE WHEN grouping(channel) = 0 THEN 'channel' WHEN grouping(customer_group) = 0 THEN 'customer_group'
            WHEN grouping(region) = 0 THEN 'region' ELSE 'total' END AS dimension,
       coalesce(channel, customer_group, region, '') AS member,
       to_char(date_trunc(f.frequency, local_at), 'YYYY-MM-DD') AS period_start,
       coalesce(sum(net_amount) FILTER (WHERE NOT is_outlier), 0)::float8 AS revenue,
       count(*) FILTER (WHERE net_amount > 0 AND NOT is_outlier)::int AS orders,
       count(DISTINCT customer_id) FILTER (WHERE net_amount > 0 AND NOT is_outlier)::int AS active_customers,
       count(*) FILTER (WHERE is_outlier)::int AS outlier_orders,
       coalesce(sum(net_amount) FILTER (WHERE is_outlier), 0)::float8 AS revenue_outliers,
       count(*) FILTER (WHERE net_amount > 0 AND is_outlier)::int AS orders_outliers,
       (count(DISTINCT customer_id) FILTER (WHERE net_amount > 0)
        - count(DISTINCT customer_id) FILTER (WHERE net_amount > 0 AND NOT is_outlier))::int AS active_customers_outliers,
       coalesce(sum(net_amount) FILTER (WHERE NOT is_outlier AND to_date), 0)::float8 AS revenue_to_date,
       count(*) FILTER (WHERE net_amount > 0 AND NOT is_outlier AND to_date)::int AS orders_to_date,
       count(DISTINCT customer_id) FILTER (WHERE net_amount > 0 AND NOT is_outlier AND to_date)::int AS active_customers_to_date
FROM d CROSS JOIN (SELECT ?::text AS frequency) AS f
     CROSS JOIN LATERAL (SELECT CASE f.frequency WHEN 'month' THEN in_month_to_date ELSE in_week_to_date END AS to_date) AS t
GROUP BY f.frequency, date_trunc(f.frequency, local_at), GROUPING SETS ((), (channel), (customer_group), (region))
ORDER BY 1, 2, 3, 4
`;

interface PeriodTotalRow {
  frequency: CalendarKind;
  dimension: SeriesDimension;
  member: string;
  period_start: string;
  revenue: number;
  orders: number;
  active_customers: number;
  outlier_orders: number;
  revenue_outliers: number;
  orders_outliers: number;
  active_customers_outliers: number;
  revenue_to_date: number;
  orders_to_date: number;
  active_customers_to_date: number;
}

/** Series in the stage's order: by id, in code-unit order (not the database's collation). */
export const bySeriesId = (a: { seriesId: string }, b: { seriesId: string }): number => (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0);

/** Every series of the run with its per-period totals, ordered by id. */
export async function loadPeriodTotals(db: Knex, runId: string, asOf: string, cutoff: string, timeZone: string): Promise<SeriesTotals[]> {
  const asOfDay = parseDay(asOf);
  const dayOfMonth = civilDate(asOfDay).day;
  // One query per frequency, side by side: PostgreSQL sums each on a core of its own (its count(DISTINCT)s rule out a parallel plan of one query).
  const frequencies: CalendarKind[] = ['month', 'week'];
  const results = await Promise.all(frequencies.map((frequency) =>
    db.raw<{ rows: PeriodTotalRow[] }>(PERIOD_TOTALS_SQL, [timeZone, runId, cutoff, dayOfMonth, isoWeekday(asOfDay), frequency])));
  const rows = results.flatMap((r) => r.rows);
  const series = new Map<string, SeriesTotals>();
  for (const row of rows) {
    for (const measure of MEASURES) {
      const key: SeriesKey = { frequency: row.frequency, measure, dimension: row.dimension, member: row.member };
      const seriesId = seriesIdOf(key);
      const entry = series.get(seriesId) ?? { ...key, seriesId, totals: [], outliers: new Map<string, LeftOut>() };
      entry.totals.push({ periodStart: row.period_start, value: Number(row[measure]), toDate: Number(row[`${measure}_to_date`]) });
      if (row.outlier_orders > 0) entry.outliers.set(row.period_start, { orders: row.outlier_orders, value: Number(row[`${measure}_outliers`]) });
      series.set(seriesId, entry);
    }
  }
  return [...series.values()].sort(bySeriesId);
}

/** The local day of the run's first order up to the cutoff (YYYY-MM-DD); null without orders. */
export async function firstOrderDay(db: Knex, runId: string, cutoff: string, timeZone: string): Promise<string | null> {
  const { rows } = await db.raw<{ rows: { day: string | null }[] }>(
    `SELECT to_char(min(ordered_at AT TIME ZONE ?::text), 'YYYY-MM-DD') AS day FROM clean_orders WHERE run_id = ? AND ordered_at < ?::timestamptz`,
    [timeZone, runId, cutoff],
  );
  return rows[0]?.day ?? null;
}
