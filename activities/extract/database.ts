/**
 * Database sources through knex, read in keyset batches (`WHERE key > last ORDER BY key
 * LIMIT n`): never OFFSET, never a whole table in memory; works on PostgreSQL and MySQL.
 */
import type { Knex } from 'knex';
import type { SourceSpec } from '../../config/sources';
import { SourceSchemaError } from '../errors';
import { mapHeader, toSourceRow, type SourceRow } from './header';

type DatabaseSource = Extract<SourceSpec, { kind: 'database' }>;

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export async function* readDatabaseSource(source: DatabaseSource, db: Knex): AsyncGenerator<SourceRow> {
  const [schema, table] = source.table.includes('.') ? source.table.split('.') : [undefined, source.table];
  const query = () => (schema ? db.withSchema(schema).table(table) : db.table(table));
  const info = await query().columnInfo().catch(() => ({}));
  const header = Object.keys(info);
  if (header.length === 0) throw new SourceSchemaError(`table ${source.table} (source ${source.name}): table not found or has no columns`);
  if (!header.includes(source.keyColumn)) throw new SourceSchemaError(`table ${source.table} (source ${source.name}): key column "${source.keyColumn}" not found`);
  const mapping = mapHeader({ ...source, ignore: [...source.ignore, source.keyColumn] }, header);
  let last: unknown;
  let rowNo = 0;
  for (;;) {
    const batch: Array<Record<string, unknown>> = await query()
      .select(header)
      .modify((q) => { if (last !== undefined) q.where(source.keyColumn, '>', last as Knex.Value); })
      .orderBy(source.keyColumn)
      .limit(source.batchSize);
    for (const record of batch) {
      rowNo++;
      yield toSourceRow(rowNo, header.map((h) => text(record[h])), mapping);
    }
    if (batch.length < source.batchSize) return;
    last = batch[batch.length - 1][source.keyColumn];
  }
}
