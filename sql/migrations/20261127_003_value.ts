/**
 * Value stage: the run's fitted customer-value models (`value_models`, one row per run),
 * per-customer values (`customer_value`), CAC per channel and period (`acquisition_costs`),
 * NPS / CSAT per grouping (`survey_scores`) and segment profitability
 * (`segment_profitability`). Keyed by run_id, so a retried stage replaces its own rows.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('value_models', (t) => {
    t.text('run_id').primary();
    t.text('time_unit').notNullable();
    t.integer('customers').notNullable();
    t.integer('repeat_customers').notNullable();
    /** False when there were too few repeat customers: model columns are null, skip_reason says why. */
    t.boolean('fitted').notNullable();
    t.text('skip_reason');
    t.double('bgnbd_r');
    t.double('bgnbd_alpha');
    t.double('bgnbd_a');
    t.double('bgnbd_b');
    t.double('bgnbd_log_likelihood');
    t.boolean('bgnbd_converged');
    t.integer('bgnbd_iterations');
    t.double('bgnbd_gradient_norm');
    t.integer('bgnbd_unique_rows');
    t.double('gg_p');
    t.double('gg_q');
    t.double('gg_v');
    t.double('gg_log_likelihood');
    t.boolean('gg_converged');
    t.integer('gg_iterations');
    t.double('gg_gradient_norm');
    /** Pearson correlation of repeat frequency and mean spend; Gamma-Gamma assumes ≈ 0. */
    t.double('frequency_monetary_correlation');
    /** Marketing spend in channel-months without orders, which no segment could carry. */
    t.decimal('unallocated_marketing_spend', 16, 2).notNullable();
    /** The valuation parameters used (config/valuation.ts, defaults filled in). */
    t.jsonb('parameters').notNullable();
  });

  await knex.schema.createTable('customer_value', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    /** BG/NBD summary in value_models.time_unit: x, t_x, T, mean repeat spend. */
    t.integer('frequency').notNullable();
    t.double('recency').notNullable();
    t.double('age').notNullable();
    t.double('monetary_value').notNullable();
    /** Probabilistic model outputs; null when the models were not fitted. */
    t.double('expected_purchases');
    t.double('p_alive');
    t.double('expected_spend');
    t.double('clv');
    /** Simple finance CLV and its inputs. */
    t.double('total_spend').notNullable();
    t.double('average_annual_spend').notNullable();
    t.double('expected_lifetime_years').notNullable();
    t.double('margin').notNullable();
    t.text('acquisition_channel').notNullable();
    /** Null for a customer from before the data began (charged the channel's average CAC). */
    t.text('acquisition_period');
    t.double('acquisition_cost').notNullable();
    t.double('simple_clv').notNullable();
    /** Churn risk: T − t_x over the own (or typical) inter-purchase time, and the band. */
    t.double('time_since_last_purchase').notNullable();
    t.double('inter_purchase_time');
    t.double('gap_ratio');
    t.text('churn_risk').notNullable();
    t.primary(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('acquisition_costs', (t) => {
    t.text('run_id').notNullable();
    t.text('channel').notNullable();
    t.text('period').notNullable();
    t.decimal('spend', 16, 2).notNullable();
    t.integer('new_customers').notNullable();
    t.double('cac');
    t.text('flag');
    t.primary(['run_id', 'channel', 'period']);
  });

  await knex.schema.createTable('survey_scores', (t) => {
    t.text('run_id').notNullable();
    /** overall | customer_group | rfm_segment | month */
    t.text('grouping').notNullable();
    t.text('key').notNullable();
    t.integer('nps_responses').notNullable();
    t.integer('promoters').notNullable();
    t.integer('passives').notNullable();
    t.integer('detractors').notNullable();
    t.double('nps');
    t.boolean('nps_small_sample').notNullable();
    t.integer('csat_responses').notNullable();
    t.integer('satisfied').notNullable();
    t.double('csat');
    t.boolean('csat_small_sample').notNullable();
    t.primary(['run_id', 'grouping', 'key']);
  });

  await knex.schema.createTable('segment_profitability', (t) => {
    t.text('run_id').notNullable();
    /** rfm_segment | customer_group */
    t.text('grouping').notNullable();
    t.text('segment').notNullable();
    t.integer('transactions').notNullable();
    t.double('average_profit_per_transaction').notNullable();
    t.double('marketing_cost').notNullable();
    t.double('gross_profit').notNullable();
    t.double('net_profit').notNullable();
    t.double('marketing_roi');
    t.primary(['run_id', 'grouping', 'segment']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['segment_profitability', 'survey_scores', 'acquisition_costs', 'customer_value', 'value_models']) await knex.schema.dropTableIfExists(table);
}
