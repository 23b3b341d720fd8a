/**
 * Report artifacts keep their bytes beside their size and checksum, so any worker attaches
 * them: workers on other machines share PostgreSQL, not the rendering worker's OUT_DIR (which
 * keeps a local copy). Rows recorded before this have no content: their file is read instead.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_artifacts', (t) => {
    t.binary('content');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_artifacts', (t) => {
    t.dropColumn('content');
  });
}
