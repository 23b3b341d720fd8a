/**
 * The set-based clean rules that need the whole run's rows at once, as SQL: unknown
 * customers, exact and near duplicates, returns without a sale, order netting and robust
 * outlier flags. Each rule moves the rows it rejects from the clean table to quarantine
 * (with the staged values: raw text, personal data pseudonymized) inside the clean transaction.
 */
import type { PoolClient } from 'pg';
import type { EntityName } from '../../config/canonical';
import type { QuarantineReason } from '../../analytics/cleaning/rules';

/** Robust z-score cut-off (Iglewicz & Hoaglin 1993: |0.6745 (x − median) / MAD| > 3.5). */
export const OUTLIER_MAD_LIMIT = 3.5;

/**
 * Memory each sort and hash of the rules may take in the clean transaction (PostgreSQL's default
 * is 4 MB): the duplicate windows sort a run's lines and building orders groups them, which at
 * 1,000,000 lines spilled to disk in 4 MB batches.
 */
const RULES_WORK_MEM = '256MB';

/** Lets the rules' sorts and hashes of this transaction work in memory (RULES_WORK_MEM). */
export async function rulesWorkMemory(client: PoolClient): Promise<void> {
  await client.query(`SET LOCAL work_mem = '${RULES_WORK_MEM}'`);
}

/**
 * Moves the rows `picked` selects (columns source, row_no; $1 = run id, then `params`) from
 * `clean_<entity>` to quarantine with `reason`. Returns how many moved.
 *
 * The picked rows are set down first in a temporary table with its statistics: planned as one
 * statement with the move, the rule was expected to pick a third of the run's lines (at
 * 1,000,000 lines the exact duplicates were 3,091), so PostgreSQL hashed every staged line to
 * find the picked ones' staged values — 1.2 s and 224 MB for each rule — where an index finds them.
 */
export async function moveToQuarantine(client: PoolClient, runId: string, entity: EntityName, reason: QuarantineReason, detail: string, picked: string, params: unknown[] = []): Promise<number> {
  await client.query(`CREATE TEMP TABLE quarantine_picked ON COMMIT DROP AS ${picked}`, [runId, ...params]);
  await client.query('ANALYZE quarantine_picked');
  const result = await client.query(
    `WITH moved AS (
       DELETE FROM clean_${entity} c USING quarantine_picked p
       WHERE c.run_id = $1 AND c.source = p.source AND c.row_no = p.row_no
       RETURNING c.source, c.row_no)
     INSERT INTO quarantine (run_id, entity, source, row_no, reason, column_name, detail, raw)
     SELECT $1, '${entity}', m.source, m.row_no, '${reason}', NULL, $2, to_jsonb(s) - 'run_id' - 'source' - 'row_no' - 'reject_reason' - 'reject_detail' - 'raw_text'
     FROM moved m JOIN stg_${entity} s ON s.run_id = $1 AND s.source = m.source AND s.row_no = m.row_no`,
    [runId, detail],
  );
  await client.query('DROP TABLE quarantine_picked');
  return result.rowCount ?? 0;
}

export async function quarantineUnknownCustomers(client: PoolClient, runId: string, entity: Exclude<EntityName, 'customers' | 'marketing_spend'>): Promise<number> {
  return moveToQuarantine(client, runId, entity, 'unknown_customer', 'customer_id matches no customer of this run',
    `SELECT x.source, x.row_no FROM clean_${entity} x
     WHERE x.run_id = $1 AND NOT EXISTS (SELECT 1 FROM clean_customers c WHERE c.run_id = $1 AND c.customer_id = x.customer_id)`);
}

/**
 * Sources whose order lines all fall at local midnight: their timestamps carry a date but no
 * time of day, so two genuine purchases on one day look 0 minutes apart and the near-duplicate
 * rule cannot tell a double submit from a repeat purchase. Decided per source over all its
 * lines (a file with times has lines off midnight). Returns each such source's sale lines.
 */
async function sourcesWithoutTimeOfDay(client: PoolClient, runId: string, timeZone: string): Promise<Array<{ source: string; saleLines: number }>> {
  const result = await client.query(
    `SELECT source, count(*) FILTER (WHERE kind = 'sale')::int AS "saleLines" FROM clean_order_lines WHERE run_id = $1
     GROUP BY source HAVING bool_and((ordered_at AT TIME ZONE $2)::time = time '00:00') ORDER BY source`,
    [runId, timeZone]);
  return result.rows as Array<{ source: string; saleLines: number }>;
}

/**
 * Order-line rules in order: exact duplicates, near duplicates (not on sources without a time
 * of day, see above), returns without a sale. Returns the sources the near-duplicate rule was
 * not applied to, with their sale lines, for the data-quality summary.
 *
 * The duplicate windows partition by identifiers in byte order (COLLATE "C"): which rows share a
 * partition is the same in every deterministic collation, and sorting 1,000,000 lines by them
 * took half the time of the database's locale-aware order. Rows within a partition keep the
 * database's order of sources, so the row kept is the one it was.
 */
export async function applyOrderLineRules(client: PoolClient, runId: string, nearDuplicateWindowMinutes: number, timeZone: string): Promise<Array<{ source: string; saleLines: number }>> {
  await moveToQuarantine(client, runId, 'order_lines', 'exact_duplicate', 'identical to an earlier row (same order, line, customer, time, product, quantity and amount)',
    `SELECT source, row_no FROM (
       SELECT source, row_no, row_number() OVER (
         PARTITION BY order_id COLLATE "C", line_no, customer_id COLLATE "C", ordered_at, product_id COLLATE "C", quantity, amount, kind COLLATE "C"
         ORDER BY source, row_no) AS n
       FROM clean_order_lines WHERE run_id = $1) d
     WHERE n > 1`);
  const dateOnly = await sourcesWithoutTimeOfDay(client, runId, timeZone);
  await moveToQuarantine(client, runId, 'order_lines', 'near_duplicate', `another order of the same customer, product and amount within ${nearDuplicateWindowMinutes} minutes`,
    `SELECT source, row_no FROM (
       SELECT source, row_no, order_id, ordered_at,
              lag(order_id) OVER w AS previous_order, lag(ordered_at) OVER w AS previous_at
       FROM clean_order_lines WHERE run_id = $1 AND kind = 'sale' AND NOT (source = ANY($3::text[]))
       WINDOW w AS (PARTITION BY customer_id COLLATE "C", coalesce(product_id, '') COLLATE "C", amount ORDER BY ordered_at, source, row_no)) d
     WHERE previous_order <> order_id AND ordered_at - previous_at <= make_interval(mins => $2::int)`,
    [Math.round(nearDuplicateWindowMinutes), dateOnly.map((d) => d.source)]);
  await moveToQuarantine(client, runId, 'order_lines', 'return_without_sale', 'return or cancellation whose order has no sale line in this run',
    `SELECT r.source, r.row_no FROM clean_order_lines r
     WHERE r.run_id = $1 AND r.kind <> 'sale'
       AND NOT EXISTS (SELECT 1 FROM clean_order_lines s WHERE s.run_id = $1 AND s.kind = 'sale' AND s.order_id = r.order_id)`);
  return dateOnly;
}

/** Builds clean_orders (returns and cancellations netted) and flags outlier orders. Returns the outlier count. */
export async function buildOrders(client: PoolClient, runId: string): Promise<number> {
  await client.query(
    `INSERT INTO clean_orders (run_id, order_id, customer_id, ordered_at, channel, line_count, gross_amount, returned_amount, net_amount)
     SELECT $1, order_id, min(customer_id) FILTER (WHERE kind = 'sale'), min(ordered_at) FILTER (WHERE kind = 'sale'),
            min(channel) FILTER (WHERE kind = 'sale'), count(*) FILTER (WHERE kind = 'sale'),
            coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0), coalesce(-sum(amount) FILTER (WHERE kind <> 'sale'), 0), sum(amount)
     FROM clean_order_lines WHERE run_id = $1 GROUP BY order_id
     -- In key order: each row lands at the end of the primary key's index, not on a page split at random.
     ORDER BY order_id`,
    [runId],
  );
  // Median and MAD of log net amount (spend is right-skewed), computed once as scalars so
  // the flagging UPDATE is a single pass with no join. The logs are taken in double precision,
  // the type percentile_cont reads them in: PostgreSQL's ln of a numeric costs about 15 µs
  // (7 s over 500,000 orders), its ln of a double about 0.5 µs.
  const stats = await client.query(
    `WITH logs AS (SELECT ln(net_amount::float8) AS v FROM clean_orders WHERE run_id = $1 AND net_amount > 0),
     centre AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median FROM logs)
     SELECT centre.median, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(v - centre.median)) FROM logs) AS mad FROM centre`,
    [runId],
  );
  const { median, mad } = stats.rows[0] as { median: number | null; mad: number | null };
  // The cut-off itself is tested in numeric arithmetic as before, but only on the orders whose
  // score in doubles comes within 0.1 % of it: the two scores differ by about 1e-14 / MAD.
  const flagged = median === null || !mad ? { rowCount: 0 } : await client.query(
    `UPDATE clean_orders SET is_outlier = true
     WHERE run_id = $1 AND net_amount > 0
       AND CASE WHEN abs(0.6745 * (ln(net_amount::float8) - $2::numeric::float8) / $3::numeric::float8) > 0.999 * $4::numeric::float8
                THEN abs(0.6745 * (ln(net_amount) - $2::numeric) / $3::numeric) > $4::numeric ELSE false END`,
    [runId, median, mad, OUTLIER_MAD_LIMIT],
  );
  const negative = await client.query(`UPDATE clean_orders SET is_outlier = true WHERE run_id = $1 AND net_amount < 0`, [runId]);
  // Fresh statistics for the stages that read it next: with only an earlier run's, the profile
  // query's plan expected one order for this run and ran for minutes on 30,000.
  await client.query('ANALYZE clean_orders');
  return (flagged.rowCount ?? 0) + (negative.rowCount ?? 0);
}
