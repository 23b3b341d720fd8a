/**
 * How the offline commands (`segment`, `clv`) run: the user's file goes through the pipeline's
 * own stages — extract (the strict reader, the source's column mapping, formats and encoding),
 * clean (the row rules and the set-based rules: duplicates, returns netted against their order,
 * outlier orders) and then profile + segment or value — each by `Stage.run`, on a throwaway
 * embedded PostgreSQL (infra/embeddedPostgres.ts) and without Temporal. A customer's features,
 * segment and CLV are therefore those a weekly run computes from the same rows.
 *
 * Until the as-of day is known (by default the day of the last order in the file), extract and
 * clean run with no upper date bound; the stages after them run as of that day.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { cleanStage, describeRow } from '../../activities/clean';
import { extractStage } from '../../activities/extract';
import { createRunActivities } from '../../activities/runs';
import type { Stage } from '../../activities/stage';
import { RULES, type RuleName } from '../../analytics/cleaning/rules';
import { loadSourceConfigFile } from '../../config/load';
import { parseSourceConfig, type DeclaredEncoding, type SourceConfig, type SourceConfigInput, type SourceSpec } from '../../config/sources';
import { OFFLINE_DATE_FORMATS } from './offlineCsv';
import { runContext, type RunContext } from '../../contract/runContext';
import { cleanWaves, type StageInput } from '../../contract/stages';
import type { AppConfig } from '../../infra/config';
import { readCsvFile } from '../../infra/csv/reader';
import { createDb, migrateToLatest } from '../../infra/postgres';
import { recordsToCsv } from '../../reports/csv';

/** The flags every offline command that runs the stages takes. */
export interface OfflineInputOptions {
  input?: string;
  config?: string;
  source?: string;
  allowOutside?: boolean;
  encoding: DeclaredEncoding;
  rejects?: string;
  strict?: boolean;
}

const OFFLINE_SOURCE = 'transactions';
const RUN_ID = 'offline';
/** The as-of of extract and clean while the real one is not known: no row is after it. */
const NO_UPPER_BOUND = '9999-12-30';

/** Canonical order-line columns a header may carry as they are; `date` is the documented name of ordered_at. */
const HEADER_COLUMNS: Readonly<Record<string, string>> = {
  customer_id: 'customer_id', date: 'ordered_at', ordered_at: 'ordered_at', amount: 'amount', order_id: 'order_id', line_no: 'line_no',
  channel: 'channel', product_id: 'product_id', category: 'category', quantity: 'quantity', unit_price: 'unit_price', currency: 'currency', status: 'status',
};

async function headerOf(file: string, encoding: DeclaredEncoding): Promise<string[]> {
  if (!fs.existsSync(file)) throw new Error(`${file}: file not found`);
  for await (const item of readCsvFile(file, { encoding })) {
    if (item.kind === 'header') return item.fields.map((name) => name.replace(/^\uFEFF/, '').trim());
  }
  throw new Error(`${file}: empty file, no header row`);
}

/**
 * The source config an offline command runs under: the named order-lines source of `--config`
 * (its mapping, formats, encoding and time zone; `--input` replaces its file), or, without one,
 * a CSV source mapping the columns named as in SPEC §9 (`customer_id,date,amount`, and
 * `order_id`, `channel`, `category`, `status`, `quantity`, `unit_price`, … when present; other
 * columns ignored), ISO and Chinese date forms, naive times in UTC. `sections` adds the
 * command's own settings (segmentation, valuation) over the config's.
 */
export async function offlineSourceConfig(options: OfflineInputOptions, sections: Pick<SourceConfigInput, 'segmentation' | 'valuation'> = {}): Promise<{ config: SourceConfig; source: SourceSpec }> {
  let config: SourceConfigInput;
  if (options.config) {
    if (!options.source) throw new Error('--config needs --source NAME: the order-lines source to read');
    const loaded = loadSourceConfigFile(options.config, { allowOutside: options.allowOutside });
    const named = loaded.sources.find((s) => s.name === options.source);
    if (!named) throw new Error(`${options.config}: no source ${options.source} (sources: ${loaded.sources.map((s) => s.name).join(', ')})`);
    if (named.entity !== 'order_lines') throw new Error(`${options.config}: source ${named.name} holds ${named.entity}, not order_lines`);
    if (named.kind === 'database') throw new Error(`${options.config}: source ${named.name} is a database table; the offline commands read files`);
    const source = options.input ? { ...named, path: path.resolve(options.input) } : named;
    config = { ...loaded, sources: [source], segmentation: { ...loaded.segmentation, ...sections.segmentation }, valuation: { ...loaded.valuation, ...sections.valuation } };
  } else {
    if (options.source) throw new Error('--source names a source of --config');
    if (!options.input) throw new Error('--input FILE is required (or --config FILE --source NAME)');
    const file = path.resolve(options.input);
    const header = await headerOf(file, options.encoding);
    const columns = Object.fromEntries(header.filter((name) => name in HEADER_COLUMNS).map((name) => [name, HEADER_COLUMNS[name]]));
    const missing = ['customer_id', 'date', 'amount'].filter((name) => !(name in columns) && !(name === 'date' && 'ordered_at' in columns));
    if (missing.length > 0) throw new Error(`${options.input}: missing column(s) ${missing.join(', ')} (found: ${header.join(', ')})`);
    config = {
      timezone: 'UTC',
      sources: [{
        name: OFFLINE_SOURCE, kind: 'csv', entity: 'order_lines', path: file, encoding: options.encoding, dateFormats: [...OFFLINE_DATE_FORMATS],
        columns, ignore: header.filter((name) => !(name in columns)),
      }],
      ...sections,
    };
  }
  const parsed = parseSourceConfig(config, options.config ?? 'the offline source');
  return { config: parsed, source: parsed.sources[0] };
}

/** Rows set aside by clean, per reason, and what it netted and flagged. */
export interface CleanReport {
  read: number;
  accepted: number;
  setAside: Array<{ reason: RuleName; rows: number }>;
  netted: Array<{ rule: RuleName; rows: number }>;
  /** Rules the data could not support, with the rows they did not look at (e.g. no time of day: no near-duplicate rule). */
  notApplied: Array<{ rule: RuleName; rows: number }>;
  /** Orders flagged as outliers: kept, but not counted in profiles and values. */
  outlierOrders: number;
}

export interface OfflinePipeline {
  db: Knex;
  /** Runs one stage step as of `context`. */
  run<Input extends StageInput, Result extends object>(stage: Stage<Input, Result>, input: Input): Promise<Result>;
}

/**
 * A throwaway database: with DATABASE_URL, a new database on that server (migrated, dropped
 * after); without, an embedded server of its own (infra/embeddedPostgres.ts, loaded only then:
 * the package is ESM-only).
 */
async function throwawayDatabase(app: AppConfig): Promise<{ url: string; drop(): Promise<void> }> {
  if (app.databaseUrl) {
    const name = `offline_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = createDb(app.databaseUrl, 1);
    try {
      await admin.raw(`CREATE DATABASE ${name}`);
    } finally {
      await admin.destroy();
    }
    const url = new URL(app.databaseUrl);
    url.pathname = `/${name}`;
    const migrated = createDb(url.toString(), 1);
    try {
      await migrateToLatest(migrated);
    } finally {
      await migrated.destroy();
    }
    return {
      url: url.toString(),
      drop: async () => {
        const dropper = createDb(app.databaseUrl!, 1);
        try {
          await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await dropper.destroy();
        }
      },
    };
  }
  const { startThrowawayPostgres } = await import('../../infra/embeddedPostgres');
  const server = await startThrowawayPostgres(app.dataDir);
  return { url: server.url, drop: () => server.stop() };
}

/** Where the command runs the stages, for the line it prints first. */
export const offlineDatabaseName = (app: AppConfig) => (app.databaseUrl ? 'a throwaway database on DATABASE_URL\'s server' : 'a throwaway embedded PostgreSQL');

/** Makes a throwaway database, runs `body` on it, and deletes it. */
export async function withOfflinePipeline<T>(app: AppConfig, body: (pipeline: OfflinePipeline) => Promise<T>): Promise<T> {
  const database = await throwawayDatabase(app);
  const db = createDb(database.url, 4);
  try {
    return await body({ db, run: (stage, input) => stage.run({ db, config: app }, input) });
  } finally {
    await db.destroy();
    await database.drop();
  }
}

/** Extract and clean of the config's sources (as of `asOf`, or with no upper bound). */
export async function extractAndClean(pipeline: OfflinePipeline, app: AppConfig, config: SourceConfig, asOf?: string): Promise<{ context: RunContext; report: CleanReport }> {
  const runs = createRunActivities({ db: pipeline.db, config: app });
  const context = await runs.beginRun({ runId: RUN_ID, asOf: asOf ?? NO_UPPER_BOUND, sourceConfig: config, workflowId: 'offline' });
  for (const source of config.sources) await pipeline.run(extractStage, { context, source: source.name });
  for (const wave of cleanWaves(config)) for (const entity of wave) await pipeline.run(cleanStage, { context, entity });
  return { context, report: await cleanReport(pipeline.db) };
}

async function cleanReport(db: Knex): Promise<CleanReport> {
  const run = await db('runs').where({ run_id: RUN_ID }).first('source_counts') as { source_counts: Record<string, { read?: number; accepted?: number }> };
  const counts = Object.values(run.source_counts);
  const rules = await db('dq_summary').where({ run_id: RUN_ID }).groupBy('rule').select('rule', db.raw('sum(rows)::int AS rows')) as Array<{ rule: RuleName; rows: number }>;
  const byAction = (action: string) => rules.filter((r) => RULES[r.rule].action === action).sort((a, b) => b.rows - a.rows || a.rule.localeCompare(b.rule));
  return {
    read: counts.reduce((n, c) => n + (c.read ?? 0), 0),
    accepted: counts.reduce((n, c) => n + (c.accepted ?? 0), 0),
    setAside: byAction('quarantined').map((r) => ({ reason: r.rule, rows: r.rows })),
    netted: byAction('netted'),
    notApplied: byAction('not_applied'),
    outlierOrders: rules.find((r) => r.rule === 'outlier_amount')?.rows ?? 0,
  };
}

/** The context of the stages after clean: as of `asOf`, or the local day of the last order in the file. */
export async function contextAsOf(db: Knex, cleaned: RunContext, asOf?: string): Promise<RunContext> {
  let day = asOf;
  if (!day) {
    const row = await db.raw<{ rows: Array<{ day: string | null }> }>(`SELECT to_char(max(ordered_at) AT TIME ZONE ?, 'YYYY-MM-DD') AS day FROM clean_orders WHERE run_id = ?`, [cleaned.timeZone, RUN_ID]);
    day = row.rows[0]?.day ?? undefined;
  }
  if (!day) throw new Error('no usable row: every row was set aside (see the reasons above, and --rejects FILE)');
  await db('runs').where({ run_id: RUN_ID }).update({ as_of: day });
  return runContext({ runId: RUN_ID, asOf: day, config: cleaned.config, previousRun: null });
}

/** The rejects file: the row in the source (1 = the first after the header), the reason, the column, what was wrong, the values as read. */
const REJECT_COLUMNS = ['source_row', 'reason', 'column', 'detail', 'raw_values'] as const;

interface QuarantinedRow {
  source: string;
  row_no: number;
  reason: RuleName;
  column_name: string | null;
  detail: string;
  raw: Record<string, unknown>;
}

/** A quarantined row as a sentence that names the file, row and column. */
function describeQuarantined(row: QuarantinedRow, source: SourceSpec): string {
  const detail = source.kind !== 'database' && row.detail.startsWith(source.path) ? row.detail : `${describeRow(source, row.row_no)}: ${row.detail}`;
  return `${detail} (${row.reason})`;
}

/**
 * What the command prints about cleaning (rows read, set aside per reason, netted, outliers), the
 * rejects file it writes, and with `strict` the first row set aside as an error.
 */
export async function reportCleaning(db: Knex, source: SourceSpec, report: CleanReport, options: Pick<OfflineInputOptions, 'rejects' | 'strict'>, say: (line: string) => void): Promise<void> {
  const quarantined = await db('quarantine').where({ run_id: RUN_ID }).orderBy(['source', 'row_no']).select('source', 'row_no', 'reason', 'column_name', 'detail', 'raw') as QuarantinedRow[];
  if (options.strict && quarantined.length > 0) throw new Error(describeQuarantined(quarantined[0], source));
  const list = (items: Array<{ label: string; rows: number }>) => items.map((i) => `${i.label} ${i.rows.toLocaleString('en-US')}`).join(', ');
  say(`read ${report.read.toLocaleString('en-US')} rows: ${report.accepted.toLocaleString('en-US')} accepted, ${(report.read - report.accepted).toLocaleString('en-US')} set aside` +
    (report.setAside.length > 0 ? ` (${list(report.setAside.map((r) => ({ label: r.reason, rows: r.rows })))})` : ''));
  if (report.netted.length > 0) say(`netted against their order: ${list(report.netted.map((r) => ({ label: r.rule, rows: r.rows })))}`);
  for (const r of report.notApplied) say(`rule not applied: ${r.rule} (${r.rows.toLocaleString('en-US')} rows): ${RULES[r.rule].en}`);
  if (report.outlierOrders > 0) say(`orders flagged as outliers (kept, not counted in profiles and values): ${report.outlierOrders.toLocaleString('en-US')}`);
  if (options.rejects) {
    fs.writeFileSync(options.rejects, recordsToCsv(quarantined.map((q) => ({
      source_row: q.row_no, reason: q.reason, column: q.column_name ?? '', detail: describeQuarantined(q, source), raw_values: JSON.stringify(q.raw),
    })), { columns: REJECT_COLUMNS }));
    say(`wrote the ${quarantined.length.toLocaleString('en-US')} rows set aside to ${options.rejects}`);
  }
}
