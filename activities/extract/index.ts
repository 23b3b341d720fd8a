/**
 * Extract stage: one step per source copies the rows dated on or before the run's as-of date
 * into the run's staging table (raw text, canonical columns, personal data pseudonymized; rows
 * the reader set aside with their reason: staging.ts) with COPY. The envelope (../stage.ts)
 * replaces the source's staged rows.
 */
import fs from 'node:fs';
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
import { defineStage, recordSourceCounts, type StageWork } from '../stage';
import { readCsvSource } from './csv';
import { highWaterMark, isNumericType, readDatabaseSource, tableShape } from './database';
import type { SourceRow } from './header';
import { STAGED_REJECT_COLUMNS, stagedValues } from './staging';
import {
  dropEarlierExtractions, extractionAsOf, extractionFingerprint, fileChecksum, latestExtraction, lockSourceStore, stageFromStore, storeExtraction, type StoredRow,
} from './store';
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

/** The row's date as the run's window compares it: its month (marketing spend) or its instant; neither when undated or unparsable. */
function rowDate(row: SourceRow, source: SourceSpec, timeZone: string): { month?: string; datedAt?: Date } {
  const text = row.values[CANONICAL_ENTITIES[source.entity].dateColumn];
  if (!text) return {};
  if (source.entity === 'marketing_spend') {
    const wall = parseWallTime(text, monthFormats(source.dateFormats))?.wall;
    return wall === undefined ? {} : { month: `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}` };
  }
  const parsed = parseTimestamp(text, source.dateFormats, timeZone);
  return parsed === undefined ? {} : { datedAt: parsed.instant };
}

/**
 * True when the row is dated after the run's window (marketing spend: a later month).
 * Undated or unparsable rows stay in: clean quarantines what it cannot read.
 */
function isAfterAsOf(date: { month?: string; datedAt?: Date }, asOf: string, cutoff: Date): boolean {
  if (date.month !== undefined) return date.month > asOf.slice(0, 7);
  return date.datedAt !== undefined && date.datedAt >= cutoff;
}

/** The config's source of that name. */
export function sourceNamed(context: RunContext, name: string): SourceSpec {
  const source = context.config.sources.find((s) => s.name === name);
  if (!source) throw new SourceConfigError(`run ${context.runId}: the source config has no source ${name}`);
  return source;
}

/** A run's counts of one source: rows staged, rows dated after its as-of day, rows read from the source by this run, staged rows taken from the raw store. */
type SourceCounts = Pick<ExtractResult, 'read' | 'afterAsOf' | 'extracted' | 'fromStore'>;

/** A database source without a watermark: read whole, straight into staging (no store). */
async function extractWhole({ context, client, db, app, progress }: StageWork<ExtractInput>, source: SourceSpec): Promise<SourceCounts> {
  const timeZone = source.timezone ?? context.timeZone;
  const cutoff = new Date(sourceCutoff(context, source));
  const columns = entityColumns(source.entity);
  let read = 0;
  let afterAsOf = 0;
  await copyStream(client, `stg_${source.entity}`, ['run_id', 'source', 'row_no', ...columns, ...STAGED_REJECT_COLUMNS], async (writer) => {
    for await (const row of openSource(source, db)) {
      if (isAfterAsOf(rowDate(row, source, timeZone), context.asOf, cutoff)) {
        afterAsOf++;
        continue;
      }
      read++;
      await writer.write([context.runId, source.name, row.rowNo, ...stagedValues(row, source, app.piiSalt)]);
      if (read % PROGRESS_EVERY === 0) progress({ read });
    }
  });
  return { read, afterAsOf, extracted: read + afterAsOf, fromStore: 0 };
}

/** Files, and database sources with a watermark. */
type StoredSource = Exclude<SourceSpec, { kind: 'database' }> | (Extract<SourceSpec, { kind: 'database' }> & { watermark: string });

const readThroughStore = (source: SourceSpec): source is StoredSource => source.kind !== 'database' || source.watermark !== undefined;

/**
 * Files, and database sources with a watermark, through the raw store (store.ts). A file is read
 * again only when its checksum (or the settings it stages with) changed since its stored
 * extraction; a database source reads the rows above the last extraction's high-water mark. A run
 * of an earlier as-of day than the source's latest extraction reads nothing: it stages the source
 * as of the latest extraction made by a run of its day or before, so a backfilled week shows what
 * it showed. `full` (refresh --full) reads every source whole.
 */
async function extractThroughStore({ input, context, client, db, app, progress }: StageWork<ExtractInput>, source: StoredSource): Promise<SourceCounts> {
  const timeZone = source.timezone ?? context.timeZone;
  const fingerprint = extractionFingerprint(source, timeZone, app.piiSalt);
  const stage = (extractionId: string, newExtractionId?: string) => stageFromStore(client, {
    runId: context.runId, source, extractionId, newExtractionId, cutoff: sourceCutoff(context, source), asOfMonth: context.asOf.slice(0, 7),
  });
  // Built field by field: V8 gives nearly every object spread with a property after it a hidden class of its own.
  const stored = (row: SourceRow, key?: StoredRow['key']): StoredRow => {
    const { datedAt, month } = rowDate(row, source, timeZone);
    return { rowNo: row.rowNo, key, datedAt, month, staged: stagedValues(row, source, app.piiSalt) };
  };
  const extraction = { source, fingerprint, asOf: context.asOf, runId: context.runId };
  let extracted = 0;
  const counted = async (write: (row: StoredRow) => Promise<void>, row: StoredRow) => {
    await write(row);
    if (++extracted % PROGRESS_EVERY === 0) progress({ extracted });
  };
  await lockSourceStore(client, source.name);
  const latest = await latestExtraction(client, source.name);
  const reusable = !input.full && latest?.fingerprint === fingerprint ? latest : undefined;

  if (source.kind !== 'database') {
    const checksum = fs.existsSync(source.path) ? await fileChecksum(source.path) : undefined;
    if (reusable && checksum !== undefined && reusable.checksum === checksum) return { extracted: 0, ...(await stage(reusable.extractionId)) };
    const { extractionId } = await storeExtraction(client, { ...extraction, checksum, full: true }, async (write) => {
      for await (const row of openSource(source, db)) await counted(write, stored(row));
      return null;
    });
    await dropEarlierExtractions(client, source.name, extractionId);
    return { extracted, ...(await stage(extractionId, extractionId)) };
  }

  if (reusable && context.asOf < reusable.asOf) {
    const pinned = await extractionAsOf(client, source.name, fingerprint, context.asOf);
    if (pinned) return { extracted: 0, ...(await stage(pinned.extractionId)) };
  }
  const from = sourceDb(source, db);
  const shape = await tableShape(source, from);
  const numericKey = isNumericType(shape.types[shape.header.indexOf(source.keyColumn)]);
  const upTo = await highWaterMark(source, from);
  const after = upTo === null ? undefined : reusable?.highWater ?? undefined;
  const { extractionId } = await storeExtraction(client, { ...extraction, full: after === undefined }, async (write) => {
    if (upTo === null) return null;
    for await (const row of readDatabaseSource(source, from, { after, upTo })) {
      await counted(write, stored(row, row.key === undefined ? undefined : { text: row.key, numeric: numericKey }));
    }
    return upTo;
  });
  return { extracted, ...(await stage(extractionId, extractionId)) };
}

export const extractStage = defineStage<ExtractInput, Omit<ExtractResult, 'ms'>>({
  step: ({ context, source }) => STEPS.extract(sourceNamed(context, source)),
  async run(work) {
    const { context, client } = work;
    const source = sourceNamed(context, work.input.source);
    const counts = readThroughStore(source) ? await extractThroughStore(work, source) : await extractWhole(work, source);
    await recordSourceCounts(client, context.runId, source.name, { entity: source.entity, ...counts });
    return { source: source.name, entity: source.entity, table: `stg_${source.entity}`, ...counts };
  },
  rows: (result) => result.read,
  // After the commit: parallel steps of other sources fill the same table, and ANALYZE holds its lock to the end of a transaction.
  afterCommit: async (db, result) => { await db.raw(`ANALYZE ${result.table}`); },
});
