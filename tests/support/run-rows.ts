/**
 * What a run left in PostgreSQL, for comparing two runs of one period: the row count of
 * every table keyed by run_id (whatever stages exist), and a content digest of the tables
 * whose rows are fully determined by the input (no timestamps of when they were written).
 */
import type { Knex } from 'knex';

/**
 * customer_profiles is left out: its trend slope is a float regression rounded to 8 decimals,
 * which two runs could in principle round differently.
 */
const DETERMINED_TABLES = ['clean_customers', 'clean_order_lines', 'clean_orders', 'quarantine', 'dq_summary', 'customer_segments', 'segment_summary'];

/**
 * Tables holding run data (every one has a run_id column), staging included; not `runs` itself,
 * nor `report_deliveries`: that is the log of mails sent, and a re-run whose reports differ
 * (customer_profiles' last-bit float noise reaches report figures) is mailed again, by design.
 */
export async function runTables(db: Knex): Promise<string[]> {
  const rows = await db('information_schema.columns').where({ table_schema: 'public', column_name: 'run_id' }).whereNotIn('table_name', ['runs', 'report_deliveries']).select('table_name').orderBy('table_name');
  return rows.map((r: { table_name: string }) => r.table_name);
}

export async function runRowCounts(db: Knex, runId: string, tables?: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables ?? (await runTables(db))) {
    const [{ n }] = await db(table).where({ run_id: runId }).count<Array<{ n: string }>>({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

/** md5 of each determined table's rows for the run, in a fixed order. */
export async function runDigests(db: Knex, runId: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of DETERMINED_TABLES) {
    const result = await db.raw(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM ${table} t WHERE run_id = ?`, [runId]);
    digests[table] = (result.rows[0] as { digest: string }).digest;
  }
  return digests;
}
