/**
 * CRM export: per customer, the RFM segment, group, lifecycle, value tier and profile tags of
 * the run — written to `crm_export` in one statement (in the render step, which owns the
 * table), then as CSV.
 */
import type { PoolClient } from 'pg';
import { csvLines, toCsv } from '../../reports/csv';

export const CRM_COLUMNS = ['customer_id', 'rfm_segment', 'rfm_segment_zh', 'customer_group', 'lifecycle', 'value_tier', 'tags'] as const;

/** Rows read and written as CSV at a time: the export of 400,000 customers never sits in memory as objects. */
const CRM_BATCH = 50_000;

/** Writes the run's crm_export rows and returns them as CSV (tags joined by `|`; UTF-8 with BOM; formula-like cells escaped). */
export async function exportCrm(client: PoolClient, runId: string, batch = CRM_BATCH): Promise<{ rows: number; csv: Buffer }> {
  type CrmRow = Record<Exclude<(typeof CRM_COLUMNS)[number], 'tags'>, string> & { tags: string[] };
  await client.query(`
    INSERT INTO crm_export (run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags)
    SELECT run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags
    FROM customer_segments WHERE run_id = $1`, [runId]);
  const parts = [Buffer.from(toCsv(CRM_COLUMNS, [], { bom: true }), 'utf8')];
  let rows = 0;
  for (let last = ''; ;) {
    const rowsRead = await client.query<CrmRow>(
      `SELECT ${CRM_COLUMNS.join(', ')} FROM crm_export WHERE run_id = $1 AND customer_id > $2 ORDER BY customer_id LIMIT $3`, [runId, last, batch]);
    parts.push(Buffer.from(csvLines(rowsRead.rows.map((r) => CRM_COLUMNS.map((c) => (c === 'tags' ? r.tags.join('|') : r[c])))), 'utf8'));
    rows += rowsRead.rows.length;
    if (rowsRead.rows.length < batch) return { rows, csv: Buffer.concat(parts) };
    last = rowsRead.rows[rowsRead.rows.length - 1].customer_id;
  }
}
