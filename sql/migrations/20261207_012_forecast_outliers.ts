/**
 * What each forecast series leaves out of model fitting (SPEC §2: outliers are flagged and
 * kept out of model fitting, never silently deleted): per actual period, the outlier orders
 * (cleaning's `clean_orders.is_outlier`) of the series' slice and what they add to its
 * measure — revenue, orders with a positive net amount, or customers active only through
 * them — so that value + outlier_value is the period's figure over all orders; the same for
 * the incomplete period on the series row. Null on forecast points.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('forecast_points', (t) => {
    t.integer('outlier_orders');
    t.decimal('outlier_value', 16, 2);
  });
  await knex.schema.alterTable('forecast_series', (t) => {
    t.integer('partial_outlier_orders');
    t.decimal('partial_outlier_value', 16, 2);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('forecast_series', (t) => {
    t.dropColumn('partial_outlier_value');
    t.dropColumn('partial_outlier_orders');
  });
  await knex.schema.alterTable('forecast_points', (t) => {
    t.dropColumn('outlier_value');
    t.dropColumn('outlier_orders');
  });
}
