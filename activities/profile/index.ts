/**
 * Profile stage: one row per customer in `customer_profiles`. Each customer's counted orders
 * (../customerRows.ts) with their sale lines stream out of PostgreSQL sorted by customer into the
 * one definition of the features (analytics/profile/features.ts); the rows go back by COPY, and
 * the demographics of the run's clean customers (age at the as-of year, age band, generation,
 * gender, region, city tier) join them. The one figure over all customers, each category's median
 * unit price (the price index's reference), is a PostgreSQL aggregate over the same lines.
 * A big run profiles its customers in parts (contract/stages.ts): each part streams and writes
 * the customers whose id hashes to it, and computes the medians over all lines itself.
 */
import type { PoolClient } from 'pg';
import { isoDayNumber } from '../../analytics/calendar';
import { customerFeatures, type CountedOrder, type FeatureContext, type SaleLine } from '../../analytics/profile/features';
import type { ProfileResult } from '../../contract/results';
import type { RunContext } from '../../contract/runContext';
import { partPredicate, STEPS, type PartInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import { countedOrders, epochMs, localMs, rowsByCustomer, type Literal } from '../customerRows';
import { defineStage } from '../stage';

const PROGRESS_EVERY = 10_000;

/** A sale line's unit price: as exported, or its amount over its quantity. */
const UNIT_PRICE = 'coalesce(l.unit_price, l.amount / nullif(l.quantity, 0))';

/** The sale lines of the run's counted orders. */
const countedSaleLines = (context: RunContext, literal: Literal) =>
  `clean_orders o JOIN clean_order_lines l ON l.run_id = o.run_id AND l.order_id = o.order_id AND l.kind = 'sale' WHERE ${countedOrders(context, literal)}`;

async function categoryMedianPrices(client: PoolClient, context: RunContext): Promise<Map<string, number>> {
  const literal: Literal = (value) => client.escapeLiteral(value);
  const { rows } = await client.query<{ category: string; median: number }>(
    `SELECT l.category, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${UNIT_PRICE})::float8 AS median
     FROM ${countedSaleLines(context, literal)} AND l.amount > 0 AND l.category <> '' AND ${UNIT_PRICE} > 0
     GROUP BY l.category`);
  return new Map(rows.map((r) => [r.category, r.median]));
}

const numberOrNull = (text: string | null) => (text === null ? null : Number(text));

/** One customer's streamed rows (one per sale line, grouped by order) as their counted orders. */
function ordersOf(rows: ReadonlyArray<ReadonlyArray<string | null>>): CountedOrder[] {
  const orders: CountedOrder[] = [];
  let lines: SaleLine[] = [];
  for (const [orderId, at, local, net, channel, category, amount, quantity, unitPrice] of rows) {
    if (orders.at(-1)?.orderId !== orderId) {
      lines = [];
      orders.push({ orderId: orderId ?? '', orderedAt: Number(at), localTime: Number(local), netAmount: Number(net), lines });
    }
    lines.push({ channel, category, amount: Number(amount), quantity: Number(quantity), unitPrice: numberOrNull(unitPrice) });
  }
  return orders;
}

const PROFILE_COLUMNS = ['run_id', 'customer_id', 'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value', 'mean_interpurchase_days',
  'last_gap_days', 'spend_trend', 'spend_trend_relative', 'first_order_at', 'last_order_at', 'top_channel', 'top_category', 'channel_shares',
  'category_shares', 'festival_orders', 'festival_exposure', 'price_index', 'units_per_line', 'most_active_weekday', 'most_active_hour'] as const;

export const profileStage = defineStage<PartInput, Omit<ProfileResult, 'ms'>>({
  step: ({ part }) => (part ? STEPS.profilePart(part) : STEPS.profile),
  async run({ input: { part }, context, client, db, progress }) {
    const { runId, asOf } = context;
    // A part profiles the customers that hash to it; every part reads all lines for the category medians.
    const ofPart = (column: string) => (part ? ` AND ${partPredicate(column, part)}` : '');
    const asOfDay = isoDayNumber(asOf);
    if (asOfDay === null) throw new RangeError(`run ${runId}: as-of ${asOf} is not a date`);
    const features: FeatureContext = { cutoff: Date.parse(context.cutoff), asOfDay, categoryMedianPrice: await categoryMedianPrices(client, context) };
    const writer = new CopyWriter(client, 'customer_profiles', PROFILE_COLUMNS);
    const customers = rowsByCustomer(db, (literal) =>
      `SELECT o.customer_id, o.order_id, ${epochMs()}, ${localMs(context, literal)}, o.net_amount, l.channel, l.category, l.amount, l.quantity, ${UNIT_PRICE}
       FROM ${countedSaleLines(context, literal)}${ofPart('o.customer_id')}
       ORDER BY o.customer_id COLLATE "C", o.order_id COLLATE "C", l.source COLLATE "C", l.row_no`);
    for await (const { customerId, rows } of customers) {
      const f = customerFeatures(customerId, ordersOf(rows), features);
      await writer.write([runId, customerId, f.recencyDays, f.frequency, f.monetary, f.tenureDays, f.averageOrderValue, f.meanInterPurchaseDays,
        f.lastGapDays, f.spendTrend, f.spendTrendRelative, new Date(f.firstOrderAt), new Date(f.lastOrderAt), f.topChannel, f.topCategory,
        JSON.stringify(f.channelShares), JSON.stringify(f.categoryShares), f.festivalOrders, f.festivalExposure, f.priceIndex, f.unitsPerLine,
        f.mostActiveWeekday, f.mostActiveHour]);
      if (writer.count % PROGRESS_EVERY === 0) progress({ customers: writer.count });
    }
    await writer.flush();
    await client.query(
      `UPDATE customer_profiles p
       SET age = $2::int - c.birth_year, age_band = c.age_band, generation = c.generation, gender = c.gender, region = c.region, city_tier = c.city_tier
       FROM clean_customers c WHERE p.run_id = $1 AND c.run_id = $1 AND c.customer_id = p.customer_id${ofPart('p.customer_id')}`,
      [runId, Number(asOf.slice(0, 4))]);
    return { customers: writer.count };
  },
  rows: (result) => result.customers,
});
