/**
 * Publish stage: the reports written for a run (recorded with size and checksum before any
 * mail is sent, so a retried send attaches exactly these bytes), each delivery made (so a
 * retried workflow does not mail twice), and the per-customer CRM export.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_artifacts', (t) => {
    t.text('run_id').notNullable();
    t.text('kind').notNullable(); // workbook | pdf | crm_csv
    t.text('path').notNullable(); // absolute path of the file under OUT_DIR
    t.bigInteger('bytes').notNullable();
    t.text('sha256').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['run_id', 'kind']);
  });

  await knex.schema.createTable('report_deliveries', (t) => {
    t.increments('delivery_id');
    t.text('run_id').notNullable();
    /** sha256 over the attached artifacts' checksums: which reports this mail carried. */
    t.text('artifacts_digest').notNullable();
    t.text('trigger').notNullable(); // workflow | resend
    t.text('message_id').notNullable();
    t.jsonb('recipients').notNullable();
    t.jsonb('accepted').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.index(['run_id']);
  });

  await knex.schema.createTable('crm_export', (t) => {
    t.text('run_id').notNullable();
    t.text('customer_id').notNullable();
    t.text('rfm_segment').notNullable();
    t.text('rfm_segment_zh').notNullable();
    t.text('customer_group').notNullable();
    t.text('lifecycle').notNullable();
    t.text('value_tier').notNullable();
    t.jsonb('tags').notNullable();
    t.primary(['run_id', 'customer_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['crm_export', 'report_deliveries', 'report_artifacts']) await knex.schema.dropTableIfExists(table);
}
