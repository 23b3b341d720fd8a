/**
 * CRM export: per customer, the RFM segment, group, lifecycle, value tier and profile tags of
 * the run — written to `crm_export` in one statement (in the render step, which owns the
 * table), then as CSV.
 */
import type { PoolClient } from 'pg';
import { toCsv } from '../../reports/csv';

export const CRM_COLUMNS = ['customer_id', 'rfm_segment', 'rfm_segment_zh', 'customer_group', 'lifecycle', 'value_tier', 'tags'] as const;

/** Writes the run's crm_export rows and returns them as CSV (tags joined by `|`; UTF-8 with BOM; formula-like cells escaped). */
export async function exportCrm(client: PoolClient, runId: string): Promise<{ rows: number; csv: Buffer }> {
  type CrmRow = Record<Exclude<(typeof CRM_COLUMNS)[number], 'tags'>, string> & { tags: string[] };
  await client.query(`
    INSERT INTO crm_export (run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags)
    SELECT run_id, customer_id, rfm_segment, rfm_segment_zh, customer_group, lifecycle, value_tier, tags
    FROM customer_segments WHERE run_id = $1`, [runId]);
  const { rows } = await client.query<CrmRow>(`SELECT ${CRM_COLUMNS.join(', ')} FROM crm_export WHERE run_id = $1 ORDER BY customer_id`, [runId]);
  const records = rows.map((r) => CRM_COLUMNS.map((c) => (c === 'tags' ? r.tags.join('|') : r[c])));
  return { rows: rows.length, csv: Buffer.from(toCsv(CRM_COLUMNS, records, { bom: true }), 'utf8') };
}
