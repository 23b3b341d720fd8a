/**
 * `npm run bench:extract`: incremental extraction of a database source. A PostgreSQL table of
 * 1,000,000 historical order lines (two years, `updated_at` when each was written) is extracted
 * by a weekly refresh; a week later 20,000 new lines arrive and the next refresh extracts again.
 * Prints, for both refreshes, the rows read from the source, the rows staged, and the extract
 * step's wall time — with the watermark (`watermark: updated_at`: the second refresh reads the
 * new rows only) and, for comparison, without it (the whole table read every week).
 * Runs on a throwaway PostgreSQL (embedded, or a new database on DATABASE_URL's server).
 * Flags: --lines N (historical lines), --new N (the week's new lines).
 */
import { Command } from 'commander';
import type { Knex } from 'knex';
import { extractStage } from '../../activities/extract';
import { parseSourceConfig } from '../../config/sources';
import { runContext } from '../../contract/runContext';
import { loadConfig } from '../../infra/config';
import { integerIn } from '../lib/cliArgs';
import { withOfflinePipeline, type OfflinePipeline } from '../lib/offlinePipeline';

const flags = new Command('bench:extract')
  .option('--lines <n>', 'historical order lines', integerIn(1000, 10_000_000), 1_000_000)
  .option('--new <n>', 'order lines of the following week', integerIn(1, 1_000_000), 20_000)
  .parse(process.argv)
  .opts<{ lines: number; new: number }>();

const WEEK_1 = '2026-11-15';
const WEEK_2 = '2026-11-22';
const TABLE = 'bench_source.order_lines';

/** `count` lines with ids from `firstId`, ordered and written evenly from `from` over `days` days. */
async function insertLines(db: Knex, firstId: number, count: number, from: string, days: number): Promise<void> {
  await db.raw(
    `INSERT INTO ${TABLE}
     SELECT id, 'O' || (id / 2), 'C' || (id % 100000), 'P' || (id % 500), t, t + interval '5 minutes', round((10 + (id % 997) / 3.0)::numeric, 2)
     FROM (SELECT id, ?::timestamptz + (id - ?) * (? * interval '1 day') / ? AS t FROM generate_series(?::bigint, ?::bigint) id) lines`,
    [from, firstId, days, count, firstId, firstId + count - 1],
  );
}

const sourceConfig = (watermark: boolean) => parseSourceConfig({
  timezone: 'UTC',
  sources: [{
    name: watermark ? 'orders_incremental' : 'orders_whole', kind: 'database', entity: 'order_lines', table: TABLE, keyColumn: 'id', batchSize: 20_000,
    ...(watermark ? { watermark: 'updated_at' } : { ignore: ['updated_at'] }),
    columns: { order_id: 'order_id', customer_id: 'customer_id', product_id: 'product_id', ordered_at: 'ordered_at', amount: 'amount' },
  }],
});

async function refresh(pipeline: OfflinePipeline, watermark: boolean, asOf: string): Promise<void> {
  const config = sourceConfig(watermark);
  const context = runContext({ runId: `bench-${config.sources[0].name}-${asOf}`, asOf, config, previousRun: null });
  const started = Date.now();
  const result = await pipeline.run(extractStage, { context, source: config.sources[0].name });
  const ms = Date.now() - started;
  console.log(`${(watermark ? 'watermark updated_at' : 'no watermark (whole table)').padEnd(28)} as of ${asOf}: read from source ${String(result.extracted).padStart(9)}  from store ${String(result.fromStore).padStart(9)}  staged ${String(result.read).padStart(9)}  extract ${(ms / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const app = loadConfig();
  await withOfflinePipeline(app, async (pipeline) => {
    const { db } = pipeline;
    await db.raw('CREATE SCHEMA bench_source');
    await db.raw(`CREATE TABLE ${TABLE} (id bigint PRIMARY KEY, order_id text, customer_id text, product_id text, ordered_at timestamptz, updated_at timestamptz NOT NULL, amount numeric(12, 2))`);
    await db.raw(`CREATE INDEX ON ${TABLE} (updated_at)`);
    // Two years of history up to the end of week 1, then the next week's lines.
    await insertLines(db, 1, flags.lines, '2024-11-16', 730);
    await db.raw(`ANALYZE ${TABLE}`);
    console.log(`${flags.lines.toLocaleString('en-US')} historical lines, then ${flags.new.toLocaleString('en-US')} new ones the week after`);
    await refresh(pipeline, true, WEEK_1);
    await refresh(pipeline, false, WEEK_1);
    await insertLines(db, flags.lines + 1, flags.new, '2026-11-16', 7);
    await db.raw(`ANALYZE ${TABLE}`);
    await refresh(pipeline, true, WEEK_2);
    await refresh(pipeline, false, WEEK_2);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
