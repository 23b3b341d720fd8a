/**
 * The raw store of incremental extraction (activities/extract/store.ts): one row per extraction
 * of a source (what it read, up to which high-water mark, for which run), and per entity the rows
 * each extraction read, staged as they would be (raw text, personal data pseudonymized) with
 * their key and date. A run's staging rows are built from the store as of its extraction, so the
 * store outlives runs: it has no run_id column (the run that extracted is `extracted_by`) and is
 * never deleted with a run.
 */
import type { Knex } from 'knex';
import { ENTITY_NAMES, entityColumns } from '../../config/canonical';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('extractions', (t) => {
    t.bigIncrements('extraction_id');
    t.text('source').notNullable();
    t.text('entity').notNullable();
    /** Digest of the settings that decide what a row stages as (source spec, time zone, PII salt). */
    t.text('fingerprint').notNullable();
    /** Files: SHA-256 of the file read. */
    t.text('checksum');
    /** Database sources with a watermark: the largest watermark value read, as text. */
    t.text('high_water');
    /** True when the source was read whole (no watermark, first extraction, a file, or `refresh --full`). */
    t.boolean('full').notNullable();
    /** The as-of day and run of the refresh that extracted. */
    t.date('as_of').notNullable();
    t.text('extracted_by').notNullable();
    t.timestamp('extracted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('rows').notNullable();
    t.index(['source', 'extraction_id']);
  });
  for (const entity of ENTITY_NAMES) {
    await knex.schema.createTable(`raw_${entity}`, (t) => {
      t.bigInteger('extraction_id').notNullable();
      t.text('source').notNullable();
      /** Files: the data row in the file; database sources: the row's place in the extraction. */
      t.integer('row_no').notNullable();
      /** Database sources: the key column's value (as text, and as a number when the column is numeric, for key order). */
      t.text('store_key');
      t.specificType('store_key_num', 'numeric');
      /** The row's date (the entity's date column as parsed; marketing spend: its month), null when undated or unparsable. */
      t.timestamp('store_dated_at', { useTz: true });
      t.text('store_month');
      for (const column of entityColumns(entity)) t.text(column);
      t.text('reject_reason');
      t.text('reject_detail');
      t.text('raw_text');
      t.primary(['extraction_id', 'row_no']);
      t.index(['source', 'store_key', 'extraction_id']);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const entity of ENTITY_NAMES) await knex.schema.dropTable(`raw_${entity}`);
  await knex.schema.dropTable('extractions');
}
