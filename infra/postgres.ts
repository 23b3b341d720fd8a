/** The pipeline's PostgreSQL through knex; schema managed by the migrations in sql/. */
import knex, { type Knex } from 'knex';
import pg, { type PoolClient } from 'pg';

// DATE columns (as_of, month) are calendar days: keep them as 'YYYY-MM-DD', not local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
import { migrationSource } from '../sql/migrations';

export function createDb(url: string, poolMax = 10): Knex {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
    migrations: { migrationSource },
  });
}

export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest();
}

/**
 * Runs `fn` on a dedicated pg connection from knex's pool inside one transaction. With
 * `lockKey` (e.g. "<runId>:segment") the transaction first takes an advisory lock on it, so two
 * attempts of one activity — a retry started while a timed-out attempt still runs — replace
 * the run's rows one after the other instead of colliding on their keys.
 */
export async function inTransaction<T>(db: Knex, fn: (client: PoolClient) => Promise<T>, lockKey?: string): Promise<T> {
  const client = (await db.client.acquireConnection()) as PoolClient;
  try {
    await client.query('BEGIN');
    if (lockKey) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.client.releaseConnection(client);
  }
}
