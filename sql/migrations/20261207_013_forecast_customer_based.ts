/**
 * The customer-based forecast (SPEC §6) beside the time-series one: per run, frequency and
 * customer group ('' = all customers), the revenue the value stage's BG/NBD + Gamma-Gamma
 * models expect from the customers known at the as-of day in each forecast period, with the
 * groups' expected purchases and spend per purchase and 80%/95% intervals (compound Poisson,
 * analytics/forecast/customerBased.ts). For the period holding the as-of day, the days after
 * it only. Empty when the value stage did not fit its models.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('forecast_customer_based', (t) => {
    t.text('run_id').notNullable();
    t.text('frequency').notNullable();
    /** Customer group; '' for all customers. */
    t.text('member').notNullable();
    t.text('period').notNullable();
    t.date('period_start').notNullable();
    t.integer('step').notNullable();
    t.integer('customers').notNullable();
    t.double('expected_purchases').notNullable();
    t.double('spend_per_purchase').notNullable();
    t.double('value').notNullable();
    t.double('lo80').notNullable();
    t.double('hi80').notNullable();
    t.double('lo95').notNullable();
    t.double('hi95').notNullable();
    t.primary(['run_id', 'frequency', 'member', 'step']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('forecast_customer_based');
}
