/** The pipeline's PostgreSQL through knex; schema managed by the migrations in sql/. */
import knex, { type Knex } from 'knex';
import pg from 'pg';

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
