/**
 * Extract stage: one activity per source copies the rows dated on or before the run's
 * as-of date into the run's staging table (raw text, canonical columns) with COPY.
 * A retry replaces the source's staged rows in the same transaction.
 */
import knex, { type Knex } from 'knex';
import { CANONICAL_ENTITIES, entityColumns } from '../../config/canonical';
import type { SourceConfig, SourceSpec } from '../../config/sources';
import { asOfCutoff, parseTimestamp, parseWallTime } from '../../analytics/cleaning/dates';
import { monthFormats } from '../../analytics/cleaning/marketingSpend';
import { CopyWriter, inTransaction } from '../../infra/copy';
import { stageLogger } from '../../infra/logging';
import type { ExtractResult } from '../../contract/results';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { SourceSchemaError } from '../errors';
import { recordSourceCounts, recordStageTiming } from '../runs';
import { readCsvSource } from './csv';
import { readDatabaseSource } from './database';
import type { SourceRow } from './header';
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
    return wall !== undefined && `${wall.year}-${String(wall.month).padStart(2, '0')}` > asOf.slice(0, 7);
  }
  const parsed = parseTimestamp(text, source.dateFormats, timeZone);
  return parsed !== undefined && parsed.instant >= cutoff;
}

export function createExtractActivities({ db }: ActivityDeps) {
  return {
    async extractSource(input: { runId: string; asOf: string; source: SourceSpec; config: Pick<SourceConfig, 'timezone'> }): Promise<ExtractResult> {
      const { runId, asOf, source } = input;
      const log = stageLogger(runId, `extract:${source.name}`);
      const started = new Date();
      const timeZone = source.timezone ?? input.config.timezone;
      const cutoff = asOfCutoff(asOf, timeZone);
      const table = `stg_${source.entity}`;
      const columns = entityColumns(source.entity);
      let read = 0;
      let afterAsOf = 0;
      await withHeartbeat((progress) => inTransaction(db, async (client) => {
        await client.query(`DELETE FROM ${table} WHERE run_id = $1 AND source = $2`, [runId, source.name]);
        const writer = new CopyWriter(client, table, ['run_id', 'source', 'row_no', ...columns]);
        for await (const row of openSource(source, db)) {
          if (isAfterAsOf(row, source, asOf, timeZone, cutoff)) {
            afterAsOf++;
            continue;
          }
          read++;
          await writer.write([runId, source.name, row.rowNo, ...columns.map((c) => row.values[c])]);
          if (read % PROGRESS_EVERY === 0) progress({ read });
        }
        await writer.flush();
      }, `${runId}:extract:${source.name}`));
      await db.raw(`ANALYZE ${table}`);
      const finished = new Date();
      const ms = finished.getTime() - started.getTime();
      await recordSourceCounts(db, runId, source.name, { entity: source.entity, read, afterAsOf });
      await recordStageTiming(db, runId, `extract:${source.name}`, { startedAt: started.toISOString(), finishedAt: finished.toISOString(), ms, rows: read });
      log.info({ read, afterAsOf, ms }, 'extracted');
      return { source: source.name, entity: source.entity, table, read, afterAsOf, ms };
    },
  };
}
