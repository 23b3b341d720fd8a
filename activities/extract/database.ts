/**
 * Database sources through knex, ordered by the key column. PostgreSQL streams the table with
 * one `COPY (SELECT … ORDER BY key) TO STDOUT` (one consistent snapshot, no row objects built),
 * each column converted in SQL to the text the keyset reader gives; a column type with no such
 * conversion, and any other database (MySQL), is read in keyset batches (`WHERE key > last
 * ORDER BY key LIMIT n`): never OFFSET, never a whole table in memory. With a watermark range,
 * both read only the rows whose watermark lies in it (an incremental extraction).
 */
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { SourceSpec } from '../../config/sources';
import { copyRowsOut } from '../../infra/copy';
import { SourceSchemaError } from '../errors';
import { mapHeader, toSourceRow, type HeaderMapping, type SourceRow } from './header';

type DatabaseSource = Extract<SourceSpec, { kind: 'database' }>;

/** A value as the keyset reader gives it: node-postgres' (or mysql2's) value as text. */
function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Column types whose COPY text is already what `text()` gives for node-postgres' value. */
const AS_IS = new Set(['text', 'character varying', 'character', 'smallint', 'integer', 'bigint', 'numeric', 'date', 'uuid']);

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The SQL giving a PostgreSQL column as `text()` gives it, or undefined when there is none. */
export function copyExpression(column: string, type: string): string | undefined {
  const c = quoted(column);
  if (AS_IS.has(type)) return c;
  // A Date's toISOString(): UTC, milliseconds, Z.
  if (type === 'timestamp with time zone') return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (type === 'boolean') return `CASE WHEN ${c} THEN 'true' WHEN NOT ${c} THEN 'false' END`;
  return undefined;
}

export interface TableShape {
  header: string[];
  types: string[];
  mapping: HeaderMapping;
}

/** Rows whose watermark is above `after` (when given) and at most `upTo`. */
export interface WatermarkRange {
  after?: string;
  upTo: string;
}

/** Key column types ordered as numbers. */
const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'int', 'tinyint', 'mediumint', 'decimal']);

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPES.has(type);
}

export async function tableShape(source: DatabaseSource, db: Knex): Promise<TableShape> {
  const info = await table(source, db).columnInfo().catch(() => ({})) as Record<string, { type: string }>;
  const header = Object.keys(info);
  if (header.length === 0) throw new SourceSchemaError(`table ${source.table} (source ${source.name}): table not found or has no columns`);
  if (!header.includes(source.keyColumn)) throw new SourceSchemaError(`table ${source.table} (source ${source.name}): key column "${source.keyColumn}" not found`);
  if (source.watermark !== undefined && !header.includes(source.watermark)) {
    throw new SourceSchemaError(`table ${source.table} (source ${source.name}): watermark column "${source.watermark}" not found`);
  }
  const mapping = mapHeader({ ...source, ignore: [...source.ignore, source.keyColumn, ...(source.watermark ? [source.watermark] : [])] }, header);
  return { header, types: header.map((h) => info[h].type), mapping };
}

function table(source: DatabaseSource, db: Knex) {
  const [schema, name] = source.table.includes('.') ? source.table.split('.') : [undefined, source.table];
  return schema ? db.withSchema(schema).table(name) : db.table(name);
}

/** The largest watermark value in the table, as text (null when the table is empty). */
export async function highWaterMark(source: DatabaseSource & { watermark: string }, db: Knex): Promise<string | null> {
  if (db.client.dialect === 'postgresql') {
    const from = source.table.split('.').map(quoted).join('.');
    const { rows } = await db.raw<{ rows: Array<{ mark: string | null }> }>(`SELECT max(${quoted(source.watermark)})::text AS mark FROM ${from}`);
    return rows[0].mark;
  }
  const [row] = await table(source, db).max({ mark: source.watermark }) as Array<{ mark: unknown }>;
  return text(row.mark) ?? null;
}

/** The source's rows in key order (those in `range` of its watermark when given), each with its key. */
export async function* readDatabaseSource(source: DatabaseSource, db: Knex, range?: WatermarkRange): AsyncGenerator<SourceRow> {
  const shape = await tableShape(source, db);
  const expressions = db.client.dialect === 'postgresql' ? shape.header.map((h, i) => copyExpression(h, shape.types[i])) : [];
  if (expressions.length > 0 && expressions.every((e) => e !== undefined)) yield* copyRows(source, db, shape, expressions, range);
  else yield* keysetRows(source, db, shape, range);
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function* copyRows(source: DatabaseSource, db: Knex, { header, mapping }: TableShape, expressions: string[], range?: WatermarkRange): AsyncGenerator<SourceRow> {
  const from = source.table.split('.').map(quoted).join('.');
  const mark = source.watermark === undefined ? '' : quoted(source.watermark);
  const where = range ? ` WHERE ${range.after === undefined ? '' : `${mark} > ${literal(range.after)} AND `}${mark} <= ${literal(range.upTo)}` : '';
  const select = `SELECT ${expressions.join(', ')} FROM ${from}${where} ORDER BY ${quoted(source.keyColumn)}`;
  const keyIndex = header.indexOf(source.keyColumn);
  const connection = await db.client.acquireConnection() as PoolClient;
  try {
    let rowNo = 0;
    for await (const record of copyRowsOut(connection, select)) yield toSourceRow(++rowNo, record, mapping, record[keyIndex] ?? undefined);
  } finally {
    await db.client.releaseConnection(connection);
  }
}

/** The keyset reader (exported for the test that holds the COPY reader to it). */
export async function* keysetRows(source: DatabaseSource, db: Knex, { header, mapping }: TableShape, range?: WatermarkRange): AsyncGenerator<SourceRow> {
  let last: unknown;
  let rowNo = 0;
  for (;;) {
    const batch: Array<Record<string, unknown>> = await table(source, db)
      .select(header)
      .modify((q) => { if (last !== undefined) q.where(source.keyColumn, '>', last as Knex.Value); })
      .modify((q) => {
        if (!range || source.watermark === undefined) return;
        if (range.after !== undefined) q.where(source.watermark, '>', range.after);
        q.where(source.watermark, '<=', range.upTo);
      })
      .orderBy(source.keyColumn)
      .limit(source.batchSize);
    for (const record of batch) {
      rowNo++;
      yield toSourceRow(rowNo, header.map((h) => text(record[h])), mapping, text(record[source.keyColumn]));
    }
    if (batch.length < source.batchSize) return;
    last = batch[batch.length - 1][source.keyColumn];
  }
}
