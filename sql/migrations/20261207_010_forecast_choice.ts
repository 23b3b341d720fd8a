/**
 * What a series counts (`revenue`, `orders`, `active_customers`; SPEC §6), and why each
 * series' forecast is what it is (analytics/forecast/backtest.ts: the pooled
 * candidates with their backtest MASE and seasonal naive's), shown in the Forecast sheet's
 * method notes; null for a series too short to forecast.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('forecast_series', (t) => {
    t.text('measure').notNullable().defaultTo('revenue');
    t.text('reason');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('forecast_series', (t) => {
    t.dropColumn('reason');
    t.dropColumn('measure');
  });
}
