/**
 * Extract stage: one step per source copies the rows dated on or before the run's as-of date
 * into the run's staging table (raw text, canonical columns, personal data pseudonymized; rows
 * the reader set aside with their reason: staging.ts) with COPY. The envelope (../stage.ts)
 * replaces the source's staged rows.
 */
import knex, { type Knex } from 'knex';
import { CANONICAL_ENTITIES, entityColumns } from '../../config/canonical';
import { SourceConfigError, type SourceSpec } from '../../config/sources';
import { parseTimestamp, parseWallTime } from '../../analytics/cleaning/dates';
import { monthFormats } from '../../analytics/cleaning/marketingSpend';
import type { ExtractResult } from '../../contract/results';
import { sourceCutoff, type RunContext } from '../../contract/runContext';
import { STEPS, type ExtractInput } from '../../contract/stages';
import { copyStream } from '../../infra/copy';
import { SourceSchemaError } from '../errors';
import { defineStage, recordSourceCounts } from '../stage';
import { readCsvSource } from './csv';
import { readDatabaseSource } from './database';
import type { SourceRow } from './header';
import { STAGED_REJECT_COLUMNS, stagedValues } from './staging';
import { readXlsxSource } from './xlsx';

const PROGRESS_EVERY = 10_000;

function openSource(source: SourceSpec, db: Knex): AsyncGenerator<SourceRow> {
  switch (source.kind) {
    case 'csv': return readCsvSource(source);
    case 'xlsx': return readXlsxSource(source);
    case 'database': return readDatabaseSource(source, sourceDb(source, db));
  }
}

const externalDbs = new Map<string, Knex>();

/** The pipeline database, or the source's own (PostgreSQL, or MySQL when `mysql2` is installed). */
function sourceDb(source: Extract<SourceSpec, { kind: 'database' }>, db: Knex): Knex {
  if (!source.connectionEnv) return db;
  const url = process.env[source.connectionEnv];
  if (!url) throw new SourceSchemaError(`source ${source.name}: environment variable ${source.connectionEnv} is not set`);
  let external = externalDbs.get(url);
  if (!external) {
    external = knex({ client: url.startsWith('mysql') ? 'mysql2' : 'pg', connection: url, pool: { min: 0, max: 2 } });
    externalDbs.set(url, external);
  }
  return external;
}

/**
 * True when the row is dated after the run's window (marketing spend: a later month).
 * Undated or unparsable rows stay in: clean quarantines what it cannot read.
 */
function isAfterAsOf(row: SourceRow, source: SourceSpec, asOf: string, timeZone: string, cutoff: Date): boolean {
  const text = row.values[CANONICAL_ENTITIES[source.entity].dateColumn];
  if (!text) return false;
  if (source.entity === 'marketing_spend') {
    const wall = parseWallTime(text, monthFormats(source.dateFormats))?.wall;
    return wall !== undefined && `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}` > asOf.slice(0, 7);
  }
  const parsed = parseTimestamp(text, source.dateFormats, timeZone);
  return parsed !== undefined && parsed.instant >= cutoff;
}

/** The config's source of that name. */
export function sourceNamed(context: RunContext, name: string): SourceSpec {
  const source = context.config.sources.find((s) => s.name === name);
  if (!source) throw new SourceConfigError(`run ${context.runId}: the source config has no source ${name}`);
  return source;
}

export const extractStage = defineStage<ExtractInput, Omit<ExtractResult, 'ms'>>({
  step: ({ context, source }) => STEPS.extract(sourceNamed(context, source)),
  async run({ input, context, client, db, app, progress }) {
    const source = sourceNamed(context, input.source);
    const timeZone = source.timezone ?? context.timeZone;
    const cutoff = new Date(sourceCutoff(context, source));
    const table = `stg_${source.entity}`;
    const columns = entityColumns(source.entity);
    let read = 0;
    let afterAsOf = 0;
    await copyStream(client, table, ['run_id', 'source', 'row_no', ...columns, ...STAGED_REJECT_COLUMNS], async (writer) => {
      for await (const row of openSource(source, db)) {
        if (isAfterAsOf(row, source, context.asOf, timeZone, cutoff)) {
          afterAsOf++;
          continue;
        }
        read++;
        await writer.write([context.runId, source.name, row.rowNo, ...stagedValues(row, source, app.piiSalt)]);
        if (read % PROGRESS_EVERY === 0) progress({ read });
      }
    });
    await recordSourceCounts(client, context.runId, source.name, { entity: source.entity, read, afterAsOf });
    return { source: source.name, entity: source.entity, table, read, afterAsOf };
  },
  rows: (result) => result.read,
  // After the commit: parallel steps of other sources fill the same table, and ANALYZE holds its lock to the end of a transaction.
  afterCommit: async (db, result) => { await db.raw(`ANALYZE ${result.table}`); },
});
