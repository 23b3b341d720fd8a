/**
 * A run's rows streamed out of PostgreSQL one customer at a time: the profile and value stages
 * feed the pure per-customer definitions (analytics/profile/features.ts, analytics/clv/summary.ts)
 * this way. The rows come sorted by customer through COPY on a connection of their own (the
 * step's transaction keeps writing on its own), so a stage holds one customer's rows at a time,
 * and the work splits by customer wherever it has to.
 */
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { RunContext } from '../contract/runContext';
import { copyRowsOut } from '../infra/copy';

/** COPY takes no bind parameters: values go in as escaped literals. */
export type Literal = (value: string) => string;

/**
 * The orders a customer's profile and value count, as a condition on `clean_orders` aliased `o`:
 * the run's orders before its cutoff with a positive net amount (a fully returned or cancelled
 * order is no purchase) that clean did not flag as outliers.
 */
export function countedOrders(context: Pick<RunContext, 'runId' | 'cutoff'>, literal: Literal): string {
  return `o.run_id = ${literal(context.runId)} AND o.net_amount > 0 AND NOT o.is_outlier AND o.ordered_at < ${literal(context.cutoff)}::timestamptz`;
}

/** An instant as whole milliseconds since 1970-01-01T00:00Z. */
export function epochMs(column = 'o.ordered_at'): string {
  return `(extract(epoch FROM ${column}) * 1000)::bigint`;
}

/** An instant on the wall clock of the run's time zone, as whole milliseconds since 1970-01-01 read as if that clock were UTC. */
export function localMs(context: Pick<RunContext, 'timeZone'>, literal: Literal, column = 'o.ordered_at'): string {
  return epochMs(`(${column} AT TIME ZONE ${literal(context.timeZone)})`);
}

export interface CustomerRows {
  customerId: string;
  /** The customer's rows as text (NULL → null), without the leading customer id. */
  rows: Array<Array<string | null>>;
}

/**
 * Streams the rows of `select(literal)` — whose first column is the customer id and which
 * orders by it — grouped into one item per customer.
 */
export async function* rowsByCustomer(db: Knex, select: (literal: Literal) => string): AsyncGenerator<CustomerRows> {
  const reader = await db.client.acquireConnection() as PoolClient;
  try {
    let current: CustomerRows | undefined;
    for await (const record of copyRowsOut(reader, select((value) => reader.escapeLiteral(value)))) {
      const customerId = record[0] ?? '';
      if (current && current.customerId !== customerId) {
        yield current;
        current = undefined;
      }
      current ??= { customerId, rows: [] };
      current.rows.push(record.slice(1));
    }
    if (current) yield current;
  } finally {
    await db.client.releaseConnection(reader);
  }
}
