/**
 * What a run left in PostgreSQL, for comparing two runs of one period: the row count of
 * every table keyed by run_id (whatever stages exist), and a content digest of the tables
 * whose rows are fully determined by the input (no timestamps of when they were written).
 */
import type { Knex } from 'knex';

/**
 * Every run table but staging (its rows carry when they were loaded) and report_artifacts (file
 * paths and times): a re-run of a period must reproduce them bit for bit, or its reports differ
 * and finance is mailed again.
 */
async function determinedTables(db: Knex): Promise<string[]> {
  return (await runTables(db)).filter((t) => !t.startsWith('stg_') && t !== 'report_artifacts');
}

/**
 * Tables holding run data (every one has a run_id column), staging included; not `runs` itself,
 * nor `report_deliveries`: the log of mails sent, which the tests compare on their own.
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
  for (const table of await determinedTables(db)) {
    const result = await db.raw(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM ${table} t WHERE run_id = ?`, [runId]);
    digests[table] = (result.rows[0] as { digest: string }).digest;
  }
  return digests;
}
