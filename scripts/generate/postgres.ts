/**
 * Loads the generated operational export into PostgreSQL: the `source` schema is dropped
 * and recreated, every table filled with COPY FROM STDIN (pg-copy-streams) from its payload
 * file, then keys, indexes and the `order_lines_flat` view are added — all in one
 * transaction, so readers see the old schema or the new one, never half of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { inTransaction } from '../../infra/postgres';
import { ORDER_LINES_FLAT_VIEW, SOURCE_TABLES, payloadPath, type SourceTable } from './layouts';

export const SOURCE_SCHEMA = 'source';
export const FLAT_VIEW = 'order_lines_flat';

const KEYS: readonly string[] = [
  `ALTER TABLE ${SOURCE_SCHEMA}.customers ADD PRIMARY KEY (customer_no)`,
  `ALTER TABLE ${SOURCE_SCHEMA}.orders ADD PRIMARY KEY (order_no)`,
  `ALTER TABLE ${SOURCE_SCHEMA}.order_lines ADD PRIMARY KEY (line_key)`,
  `CREATE INDEX ON ${SOURCE_SCHEMA}.order_lines (order_no)`,
  `ALTER TABLE ${SOURCE_SCHEMA}.survey_responses ADD PRIMARY KEY (response_no)`,
];

function createTable(table: SourceTable): string {
  const columns = SOURCE_TABLES[table].columns.map((c) => `"${c.name}" ${c.sqlType ?? 'text'}`);
  return `CREATE TABLE ${SOURCE_SCHEMA}.${table} (${columns.join(', ')})`;
}

function createView(): string {
  const select = ORDER_LINES_FLAT_VIEW.map((c) => `${c.sql} AS "${c.name}"`).join(', ');
  return `CREATE VIEW ${SOURCE_SCHEMA}.${FLAT_VIEW} AS SELECT ${select} FROM ${SOURCE_SCHEMA}.order_lines l JOIN ${SOURCE_SCHEMA}.orders o ON o.order_no = l.order_no`;
}

/**
 * Replaces the `source` schema with the payloads under `outDir`.
 * @returns rows loaded per table
 */
export async function loadSourceSchema(db: Knex, outDir: string): Promise<Record<SourceTable, number>> {
  const loaded = await inTransaction(db, async (client) => {
    const rows = {} as Record<SourceTable, number>;
    await client.query(`DROP SCHEMA IF EXISTS ${SOURCE_SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SOURCE_SCHEMA}`);
    for (const table of Object.keys(SOURCE_TABLES) as SourceTable[]) {
      await client.query(createTable(table));
      const copy = client.query(copyFrom(`COPY ${SOURCE_SCHEMA}.${table} FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(fs.createReadStream(path.join(outDir, payloadPath(table))), copy);
      rows[table] = copy.rowCount;
    }
    for (const statement of [...KEYS, createView()]) await client.query(statement);
    return rows;
  });
  await db.raw(`ANALYZE ${SOURCE_SCHEMA}.customers, ${SOURCE_SCHEMA}.orders, ${SOURCE_SCHEMA}.order_lines`);
  return loaded;
}
