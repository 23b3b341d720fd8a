/**
 * Foundation schema: the runs table, per-run staging tables (raw text in canonical
 * columns), cleaned tables, quarantine and the data-quality summary. Every table that
 * holds run data is keyed by run_id so a retried stage can replace exactly its own rows.
 */
import type { Knex } from 'knex';
import { ENTITY_NAMES, entityColumns } from '../../config/canonical';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('runs', (t) => {
    t.text('run_id').primary();
    t.date('as_of').notNullable();
    t.text('status').notNullable(); // running | succeeded | failed
    t.text('current_stage');
    t.text('workflow_id');
    t.text('config_digest').notNullable();
    t.jsonb('source_config').notNullable();
    t.integer('attempt').notNullable().defaultTo(1);
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    /** stage → { startedAt, finishedAt, ms, rows } */
    t.jsonb('stage_timings').notNullable().defaultTo('{}');
    /** source → { entity, read, afterAsOf, accepted, quarantined } */
    t.jsonb('source_counts').notNullable().defaultTo('{}');
    t.text('error');
    t.index(['as_of']);
  });

  for (const entity of ENTITY_NAMES) {
    await knex.schema.createTable(`stg_${entity}`, (t) => {
      t.text('run_id').notNullable();
      t.text('source').notNullable();
      t.integer('row_no').notNullable(); // 1-based data row in the source (file line = row_no + 1 for CSV)
      for (const column of entityColumns(entity)) t.text(column);
      t.primary(['run_id', 'source', 'row_no']);
    });
  }

  await knex.schema.createTable('clean_customers', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('name_hash');
    t.text('phone_hash');
    t.text('email_hash');
    t.text('gender').notNullable();
    t.integer('birth_year');
    t.text('age_band').notNullable();
    t.text('generation').notNullable();
    t.text('city').notNullable();
    t.text('region').notNullable();
    t.text('city_tier').notNullable();
    t.timestamp('signup_at', { useTz: true });
    t.text('signup_channel');
    t.primary(['run_id', 'customer_id']);
  });

  await knex.schema.createTable('clean_order_lines', (t) => {
    t.text('run_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('order_id').notNullable();
    t.integer('line_no').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('ordered_at', { useTz: true }).notNullable();
    t.text('channel');
    t.text('product_id');
    t.text('category');
    t.decimal('quantity', 14, 3).notNullable();
    t.decimal('unit_price', 14, 2);
    t.decimal('amount', 14, 2).notNullable();
    t.text('kind').notNullable(); // sale | return | cancelled
    t.primary(['run_id', 'source', 'row_no']);
  });

  await knex.schema.createTable('clean_orders', (t) => {
    t.text('run_id').notNullable();
    t.text('order_id').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('ordered_at', { useTz: true }).notNullable();
    t.text('channel');
    t.integer('line_count').notNullable();
    t.decimal('gross_amount', 14, 2).notNullable();
    t.decimal('returned_amount', 14, 2).notNullable();
    t.decimal('net_amount', 14, 2).notNullable();
    t.boolean('is_outlier').notNullable().defaultTo(false);
    t.primary(['run_id', 'order_id']);
  });

  await knex.schema.createTable('clean_marketing_spend', (t) => {
    t.text('run_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.date('month').notNullable();
    t.text('channel').notNullable();
    t.decimal('spend', 14, 2).notNullable();
    t.integer('new_customers');
    t.primary(['run_id', 'month', 'channel']);
  });

  await knex.schema.createTable('clean_survey_responses', (t) => {
    t.text('run_id').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('response_id').notNullable();
    t.text('customer_id').notNullable();
    t.timestamp('answered_at', { useTz: true }).notNullable();
    t.smallint('nps');
    t.smallint('csat');
    t.text('comment');
    t.text('channel');
    t.primary(['run_id', 'response_id']);
  });

  await knex.schema.createTable('quarantine', (t) => {
    t.text('run_id').notNullable();
    t.text('entity').notNullable();
    t.text('source').notNullable();
    t.integer('row_no').notNullable();
    t.text('reason').notNullable();
    t.text('column_name');
    t.text('detail');
    t.jsonb('raw').notNullable();
    t.primary(['run_id', 'entity', 'source', 'row_no']);
  });

  await knex.schema.createTable('dq_summary', (t) => {
    t.text('run_id').notNullable();
    t.text('entity').notNullable();
    t.text('source').notNullable();
    t.text('rule').notNullable();
    t.text('action').notNullable();
    t.bigInteger('rows').notNullable();
    t.primary(['run_id', 'entity', 'source', 'rule']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['dq_summary', 'quarantine', 'clean_survey_responses', 'clean_marketing_spend', 'clean_orders', 'clean_order_lines', 'clean_customers', ...ENTITY_NAMES.map((e) => `stg_${e}`), 'runs']) {
    await knex.schema.dropTableIfExists(table);
  }
}
