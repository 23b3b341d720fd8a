/**
 * How a customer buys, beyond RFM, on each profile: shopping-festival orders and exposure
 * (analytics/profile/festivals.ts), price position within categories and units per line; and
 * how the clustering chose k (analytics/segment/chooseK.ts).
 */
import type { Knex } from 'knex';

const COLUMNS = ['festival_orders', 'festival_exposure', 'price_index', 'units_per_line'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customer_profiles', (t) => {
    /** Orders on a shopping-festival day (618, Double 11, Double 12 windows), local time. */
    t.integer('festival_orders');
    /** Share of the days from the first order's to the as-of day that are festival days. */
    t.double('festival_exposure');
    /** Mean ln(unit price / the category's median unit price in the run); null without priced lines. */
    t.decimal('price_index', 14, 8);
    t.decimal('units_per_line', 14, 6);
  });
  await knex.schema.alterTable('segment_clustering', (t) => {
    /** prediction_strength or silhouette; null on runs from before the choice was recorded (silhouette). */
    t.text('k_criterion');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('segment_clustering', (t) => t.dropColumn('k_criterion'));
  await knex.schema.alterTable('customer_profiles', (t) => {
    for (const column of COLUMNS) t.dropColumn(column);
  });
}
