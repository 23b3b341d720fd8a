/**
 * Profile and segment stages: one row per customer per run in `customer_profiles` (computed
 * in SQL from the cleaned orders) and `customer_segments` (RFM, cluster, tier, lifecycle,
 * group, tags), plus a small per-segment summary. Keyed by run_id like every run table, so a
 * retried stage replaces exactly its own rows.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customer_profiles', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    /** Days (fractional) from the last order to the end of the as-of day. */
    t.double('recency_days').notNullable();
    t.integer('frequency').notNullable();
    t.decimal('monetary', 16, 2).notNullable();
    t.double('tenure_days').notNullable();
    t.decimal('avg_order_value', 16, 2).notNullable();
    t.double('mean_interpurchase_days');
    /** Days between the last two orders; null for one-order customers. */
    t.double('last_gap_days');
    /** OLS slope of spend per 30-day period over the last six periods, and relative to its mean. */
    t.double('spend_trend').notNullable().defaultTo(0);
    t.double('spend_trend_relative').notNullable().defaultTo(0);
    t.timestamp('first_order_at', { useTz: true }).notNullable();
    t.timestamp('last_order_at', { useTz: true }).notNullable();
    t.text('top_channel');
    t.text('top_category');
    /** channel → share of the customer's positive line spend. */
    t.jsonb('channel_shares').notNullable().defaultTo('{}');
    t.primary(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('customer_segments', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    t.smallint('r_score').notNullable();
    t.smallint('f_score').notNullable();
    t.smallint('m_score').notNullable();
    t.text('rfm_segment').notNullable();
    t.text('rfm_segment_zh').notNullable();
    t.integer('cluster').notNullable();
    t.text('value_tier').notNullable();
    t.text('lifecycle').notNullable();
    t.text('customer_group').notNullable();
    t.jsonb('tags').notNullable().defaultTo('[]');
    t.primary(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('segment_summary', (t) => {
    t.text('run_id').notNullable();
    t.text('segment').notNullable();
    t.integer('customers').notNullable();
    t.double('revenue_share').notNullable();
    t.primary(['run_id', 'segment']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['segment_summary', 'customer_segments', 'customer_profiles']) await knex.schema.dropTableIfExists(table);
}
