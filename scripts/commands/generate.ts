/**
 * `generate --customers N --lines N --out DIR [--seed N] [--start D] [--end D] [--no-db]`
 * (SPEC §9): the deterministic sample data set — files in DIR (GBK store export, marketing
 * workbook, survey CSV, sources.json, manifest.json) and the `source` schema in PostgreSQL.
 * The database is DATABASE_URL when set, else the embedded server of the local stack
 * (reused when it is already running on --pg-port, started for the load otherwise).
 */
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { loadConfig } from '../../infra/config';
import { embeddedDataDir } from '../../infra/embeddedDataDir';
import { createDb } from '../../infra/postgres';
import { DEFAULT_STACK_PORTS } from '../../infra/stack';
import { MAX_GENERATED_CUSTOMERS, MAX_GENERATED_LINES } from '../../config/limits';
import { generateSampleData } from '../generate';
import { integerIn, isoDateArg, seedArg } from '../lib/cliArgs';

interface GenerateFlags {
  customers: number;
  lines: number;
  out?: string;
  seed: number;
  start: string;
  end: string;
  db: boolean;
  pgPort: number;
}

/** A database to load into and how to let go of it afterwards. */
async function openDatabase(pgPort: number, log: (message: string) => void): Promise<{ db: Knex; close(): Promise<void> }> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, 2);
    return { db, close: () => db.destroy() };
  }
  const { embeddedUrl, startEmbeddedPostgres } = await import('../../infra/embeddedPostgres');
  const running = createDb(embeddedUrl(pgPort), 2);
  if (await running.raw('SELECT 1').then(() => true, () => false)) {
    log(`loading into the embedded PostgreSQL already running on port ${pgPort}`);
    return { db: running, close: () => running.destroy() };
  }
  await running.destroy();
  log(`starting embedded PostgreSQL on port ${pgPort} (data in ${embeddedDataDir(config.dataDir)})`);
  const server = await startEmbeddedPostgres(config.dataDir, pgPort);
  const db = createDb(server.url, 2);
  return { db, close: async () => { await db.destroy(); await server.stop(); } };
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate the deterministic sample data set (files + PostgreSQL schema "source")')
    .option('--customers <n>', `number of customers (at most ${MAX_GENERATED_CUSTOMERS.toLocaleString('en-US')})`, integerIn(1, MAX_GENERATED_CUSTOMERS), 20_000)
    .option('--lines <n>', `order-line rows across the order sources, roughly (at most ${MAX_GENERATED_LINES.toLocaleString('en-US')})`, integerIn(1, MAX_GENERATED_LINES), 300_000)
    .option('--out <dir>', 'output directory (default: <DATA_DIR>/sample, where `refresh` looks for sources.json)')
    .option('--seed <n>', 'random seed: the same seed gives byte-identical output', seedArg, 42)
    .option('--start <date>', 'first day of the data (YYYY-MM-DD)', isoDateArg, '2023-11-20')
    .option('--end <date>', 'last day of the data (YYYY-MM-DD)', isoDateArg, '2026-11-22')
    .option('--no-db', 'write the files only; do not load PostgreSQL')
    .option('--pg-port <port>', 'embedded PostgreSQL port when DATABASE_URL is not set', integerIn(1, 65_535), DEFAULT_STACK_PORTS.pgPort)
    .action(async (flags: GenerateFlags) => {
      const log = (message: string) => console.error(message);
      const outDir = flags.out ?? path.join(loadConfig().dataDir, 'sample');
      const database = flags.db ? await openDatabase(flags.pgPort, log) : undefined;
      const bar = new SingleBar({ format: ' orders |{bar}| {value}/{total}', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
      const started = Date.now();
      try {
        const result = await generateSampleData({
          seed: flags.seed, customers: flags.customers, lines: flags.lines, start: flags.start, end: flags.end, outDir, db: database?.db,
          onProgress: (stage, done, total) => {
            if (stage !== 'orders') log(`${stage}: ${done}/${total}`);
            else if (done === 0) bar.start(total, 0);
            else bar.update(done);
            if (stage === 'orders' && done === total) bar.stop();
          },
        });
        const { counts } = result.manifest;
        log(`wrote ${counts.customers} customers, ${counts.orders} orders, ${counts.orderLineRows} order-line rows, ${counts.surveyResponses} survey answers, ${counts.reviews} reviews, ${counts.engagementEvents} engagement events to ${outDir}${database ? ' and schema "source"' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log(result.sourcesPath);
      } finally {
        bar.stop();
        await database?.close();
      }
    });
}
