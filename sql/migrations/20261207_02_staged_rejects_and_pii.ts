/**
 * Staging keeps the rows the reader set aside (malformed_row, bad_encoding) with their reason,
 * detail and text, so clean quarantines them and row accounting holds. Personal data is no
 * longer stored raw anywhere (it is pseudonymized as rows are staged): staging and quarantine
 * rows of earlier runs lose theirs here, and no later step reads them back.
 */
import type { Knex } from 'knex';
import { ENTITY_NAMES } from '../../config/canonical';

export async function up(knex: Knex): Promise<void> {
  for (const entity of ENTITY_NAMES) {
    await knex.schema.alterTable(`stg_${entity}`, (t) => {
      t.text('reject_reason');
      t.text('reject_detail');
      t.text('raw_text');
    });
  }
  await knex.raw('UPDATE stg_customers SET name = NULL, phone = NULL, email = NULL WHERE name IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL');
  await knex.raw(`UPDATE quarantine SET raw = raw - 'name' - 'phone' - 'email' WHERE entity = 'customers'`);
}

export async function down(knex: Knex): Promise<void> {
  for (const entity of ENTITY_NAMES) {
    await knex.schema.alterTable(`stg_${entity}`, (t) => {
      t.dropColumn('reject_reason');
      t.dropColumn('reject_detail');
      t.dropColumn('raw_text');
    });
  }
}
