/**
 * The raw store of incremental extraction. An extraction of a source is one row of `extractions`
 * (when, for which run and as-of day, up to which high-water mark, whole or incremental) and the
 * rows it read in `raw_<entity>`, staged as they would be (canonical columns as raw text,
 * personal data pseudonymized, rows set aside with their reason) with their key and date.
 *
 * A run's staging rows are built from the store in one INSERT … SELECT, as of one extraction X:
 * - a database source: the latest version of each key among the extractions from the last whole
 *   one up to X, numbered in key order (the row numbers a whole re-read gives), then the run's
 *   cutoff;
 * - a file: X's rows (a file is always read whole), with their row numbers in the file.
 * Rows dated after the run's as-of day are counted and left out, as when reading the source.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { PoolClient } from 'pg';
import { entityColumns, type EntityName } from '../../config/canonical';
import type { SourceSpec } from '../../config/sources';
import { copyStream, type CopyValue } from '../../infra/copy';
import { STAGED_REJECT_COLUMNS } from './staging';

export interface Extraction {
  extractionId: string;
  fingerprint: string;
  checksum: string | null;
  highWater: string | null;
  full: boolean;
  asOf: string;
}

/** What decides how a source's rows stage: its settings (not its batch size), the time zone its naive dates are read in, the PII salt. */
export function extractionFingerprint(source: SourceSpec, timeZone: string, piiSalt: string): string {
  const settings: Record<string, unknown> = { ...source };
  delete settings.batchSize;
  return createHash('sha256').update(JSON.stringify({ settings, timeZone, piiSalt })).digest('hex');
}

/** SHA-256 of a file, streamed. */
export async function fileChecksum(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Serializes extractions of one source across runs (a backfill runs periods in parallel), to the end of the step's transaction. */
export async function lockSourceStore(client: PoolClient, source: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`extract-store:${source}`]);
}

const SELECT_EXTRACTION = `SELECT extraction_id::text AS "extractionId", fingerprint, checksum, high_water AS "highWater", "full", to_char(as_of, 'YYYY-MM-DD') AS "asOf" FROM extractions`;

/** The source's latest extraction, whatever its settings. */
export async function latestExtraction(client: PoolClient, source: string): Promise<Extraction | undefined> {
  const { rows } = await client.query<Extraction>(`${SELECT_EXTRACTION} WHERE source = $1 ORDER BY extraction_id DESC LIMIT 1`, [source]);
  return rows[0];
}

/** The latest extraction made with these settings by a run of this as-of day or an earlier one. */
export async function extractionAsOf(client: PoolClient, source: string, fingerprint: string, asOf: string): Promise<Extraction | undefined> {
  const { rows } = await client.query<Extraction>(
    `${SELECT_EXTRACTION} WHERE source = $1 AND fingerprint = $2 AND as_of <= $3::date ORDER BY extraction_id DESC LIMIT 1`,
    [source, fingerprint, asOf],
  );
  return rows[0];
}

/** A row as the store keeps it. */
export interface StoredRow {
  rowNo: number;
  key?: { text: string; numeric: boolean };
  datedAt?: Date;
  month?: string;
  /** stagedValues(): the canonical columns, then the reject columns. */
  staged: CopyValue[];
}

export interface NewExtraction {
  source: SourceSpec;
  fingerprint: string;
  checksum?: string;
  full: boolean;
  asOf: string;
  runId: string;
}

/** Stores what `read` yields as a new extraction; returns its id, the rows stored and the high-water mark `read` reports. */
export async function storeExtraction(
  client: PoolClient,
  extraction: NewExtraction,
  read: (write: (row: StoredRow) => Promise<void>) => Promise<string | null>,
): Promise<{ extractionId: string; rows: number }> {
  const { source } = extraction;
  const { rows: [created] } = await client.query<{ id: string }>(
    `INSERT INTO extractions (source, entity, fingerprint, checksum, "full", as_of, extracted_by, rows) VALUES ($1, $2, $3, $4, $5, $6::date, $7, 0) RETURNING extraction_id::text AS id`,
    [source.name, source.entity, extraction.fingerprint, extraction.checksum ?? null, extraction.full, extraction.asOf, extraction.runId],
  );
  const columns = ['extraction_id', 'source', 'row_no', 'store_key', 'store_key_num', 'store_dated_at', 'store_month', ...entityColumns(source.entity), ...STAGED_REJECT_COLUMNS];
  let rows = 0;
  const highWater = await copyStream(client, `raw_${source.entity}`, columns, (writer) => read(async (row) => {
    rows++;
    await writer.write([created.id, source.name, row.rowNo, row.key?.text, row.key?.numeric ? row.key.text : null, row.datedAt, row.month, ...row.staged]);
  }));
  await client.query('UPDATE extractions SET rows = $2, high_water = $3 WHERE extraction_id = $1::bigint', [created.id, rows, highWater]);
  return { extractionId: created.id, rows };
}

/** Drops the source's extractions before `extractionId` (a file keeps its latest only). */
export async function dropEarlierExtractions(client: PoolClient, source: string, extractionId: string): Promise<void> {
  const { rows } = await client.query<{ entity: EntityName }>('SELECT DISTINCT entity FROM extractions WHERE source = $1 AND extraction_id < $2::bigint', [source, extractionId]);
  for (const { entity } of rows) await client.query(`DELETE FROM raw_${entity} WHERE source = $1 AND extraction_id < $2::bigint`, [source, extractionId]);
  await client.query('DELETE FROM extractions WHERE source = $1 AND extraction_id < $2::bigint', [source, extractionId]);
}

export interface StagedFromStore {
  /** Rows staged for the run. */
  read: number;
  /** Rows dated after the run's as-of day: not staged. */
  afterAsOf: number;
  /** Staged rows that an earlier extraction read (not read from the source by this run). */
  fromStore: number;
}

export interface StageAsOf {
  runId: string;
  source: SourceSpec;
  /** The extraction the run sees the source as of. */
  extractionId: string;
  /** The extraction this run made, if any: its rows are not counted as taken from the store. */
  newExtractionId?: string;
  /** The first instant after the run's as-of day (the source's cutoff), and the run's as-of month (YYYY-MM). */
  cutoff: string;
  asOfMonth: string;
}

/** Memory for the sorts of one build (a million rows' versions and numbering), for the step's transaction only. */
const BUILD_WORK_MEM = '256MB';

/** Builds the run's staging rows of the source from the store, set-based. */
export async function stageFromStore(client: PoolClient, stage: StageAsOf): Promise<StagedFromStore> {
  const { source } = stage;
  const columns = [...entityColumns(source.entity), ...STAGED_REJECT_COLUMNS].map((c) => `"${c}"`).join(', ');
  const raw = `raw_${source.entity}`;
  const { rows: [{ base }] } = await client.query<{ base: string }>(
    'SELECT max(extraction_id)::text AS base FROM extractions WHERE source = $1 AND "full" AND extraction_id <= $2::bigint',
    [source.name, stage.extractionId],
  );
  await client.query(`SET LOCAL work_mem = '${BUILD_WORK_MEM}'`);
  // One whole extraction (a file, a first or full read): its rows as read, numbered in key order for a database.
  // Else the latest version of each key since the last whole extraction, numbered in key order.
  const versions = base === stage.extractionId
    ? `SELECT row_no AS n, r.* FROM ${raw} r WHERE r.source = $2 AND r.extraction_id = $3::bigint`
    // One sort in key order serves both the versions and their numbering.
    : `SELECT row_number() OVER (ORDER BY store_key_num, store_key) AS n, latest.* FROM (
         SELECT DISTINCT ON (store_key_num, store_key) r.* FROM ${raw} r
         WHERE r.source = $2 AND r.extraction_id BETWEEN $7::bigint AND $3::bigint
         ORDER BY store_key_num, store_key, r.extraction_id DESC) latest`;
  const { rows: [counts] } = await client.query<StagedFromStore>(
    `WITH v AS MATERIALIZED (
       SELECT n, extraction_id, ${columns}, NOT (coalesce(store_dated_at >= $4::timestamptz, false) OR coalesce(store_month > $5::text, false)) AS kept
       FROM (${versions}) versions),
     staged AS (INSERT INTO stg_${source.entity} (run_id, source, row_no, ${columns}) SELECT $1, $2, n, ${columns} FROM v WHERE kept RETURNING 1)
     SELECT (SELECT count(*) FROM staged)::int AS read, (count(*) FILTER (WHERE NOT kept))::int AS "afterAsOf",
       (count(*) FILTER (WHERE kept AND extraction_id IS DISTINCT FROM $6::bigint))::int AS "fromStore"
     FROM v`,
    [stage.runId, source.name, stage.extractionId, stage.cutoff, stage.asOfMonth, stage.newExtractionId ?? null, ...(base === stage.extractionId ? [] : [base])],
  );
  return counts;
}
