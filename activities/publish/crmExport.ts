/**
 * CRM export: per customer, the RFM segment, group, lifecycle, value tier and profile tags of
 * the run — replaced in `crm_export` in one statement per run, then written as CSV.
 */
import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';

/** Excel reads a UTF-8 CSV with Chinese text correctly only with a byte-order mark. */
const CSV_BOM = '\uFEFF';

export const CRM_COLUMNS = ['customer_id', 'rfm_segment', 'rfm_segment_zh', 'customer_group', 'lifecycle', 'value_tier', 'tags'] as const;

/** Replaces the run's crm_export rows and returns them as CSV (tags joined by `|`). */
export async function exportCrm(db: Knex, runId: string): Promise<{ rows: number; csv: Buffer }> {
  type CrmRow = Record<Exclude<(typeof CRM_COLUMNS)[number], 'tags'>, string> & { tags: string[] };
  const rows = await db.transaction(async (trx): Promise<CrmRow[]> => {
    // A timed-out attempt may still be running beside its retry: one writer per run at a time.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`crm_export:${runId}`]);
    await trx('crm_export').where({ run_id: runId }).delete();
    await trx.raw(`
      INSERT INTO crm_export (run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags)
      SELECT run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags
      FROM customer_segments WHERE run_id = ?`, [runId]);
    return trx('crm_export').where({ run_id: runId }).orderBy('customer_id').select(...CRM_COLUMNS);
  });
  const records = rows.map((r) => CRM_COLUMNS.map((c) => (c === 'tags' ? r.tags.join('|') : r[c])));
  return { rows: rows.length, csv: Buffer.from(CSV_BOM + stringify(records, { header: true, columns: [...CRM_COLUMNS] }), 'utf8') };
}
