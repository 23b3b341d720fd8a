/**
 * The deterministic sample data generator (SPEC §1–3b test data): a Chinese retailer's
 * customers, orders, marketing spend, survey answers, reviews and engagement events, drawn from latent behaviours and
 * exported the way operational systems do — with the mess cleaning must handle. The same
 * options always produce byte-identical files; rows are streamed, never held in memory.
 *
 * @example
 * await generateSampleData({ seed: 42, customers: 20_000, lines: 300_000, start: '2023-11-20', end: '2026-11-22', outDir: 'out/sample', db });
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { parseDay, SECONDS_PER_DAY } from '../../analytics/calendar';
import { buildCalendar, windowLastSecond } from './calendar';
import { buildCatalog } from './catalog';
import { CsvWriter } from './csvWriter';
import { columnNames, ENGAGEMENT_EXPORT, payloadPath, REVIEWS_EXPORT, SOURCE_TABLES, STORE_EXPORT, SURVEY_EXPORT, type SourceTable } from './layouts';
import { writeEngagement } from './engagement';
import { plantVoiceGroups } from './planted';
import { writeReviews } from './reviews';
import { countOf, expectedSection, filesSection, latentSection, sourcesSection, type Manifest } from './manifest';
import { marketingCells, marketingRows, writeMarketingWorkbook } from './marketing';
import { Tally } from './mess';
import { DatabaseOrderSink, StoreExportSink } from './orderSinks';
import { writeOrders } from './orders';
import { writeCustomers } from './people';
import { behaviourIntensities, calibrateRateScale, drawPopulation, exposures, historyDaysFor } from './population';
import { loadSourceSchema, SOURCE_SCHEMA } from './postgres';
import { Random } from '../../analytics/random';
import { buildSchedule, plantChannelDrop } from './schedule';
import { OUTPUT_FILES, SOURCE_NAMES, TIMEZONE, writeSourceConfig } from './sourcesConfig';
import { SurveyRecorder } from './surveys';
import { RevenueTruth } from './truth';

export interface GenerateOptions {
  seed: number;
  customers: number;
  /** Order-line rows wanted across the order sources (returns and injected duplicates included), roughly. */
  lines: number;
  /** First and last day of the data (`YYYY-MM-DD`, Asia/Shanghai). */
  start: string;
  end: string;
  outDir: string;
  /** Plant the web channel's drop in the last weeks (schedule.ts PLANTED_CHANNEL_DROP; default true). */
  channelDrop?: boolean;
  /** When given, the `source` schema is dropped, recreated and loaded with COPY. */
  db?: Knex;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface GenerateResult {
  outDir: string;
  manifestPath: string;
  sourcesPath: string;
  manifest: Manifest;
}

const TABLES = Object.keys(SOURCE_TABLES) as SourceTable[];

/** Rows beyond the genuine sales lines (returns, duplicates), as a share of them; used to size the sample. */
const EXTRA_ROW_SHARE = 0.07;

function checkOptions(options: GenerateOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.seed)) problems.push(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.customers) || options.customers < 1) problems.push(`customers must be a positive integer, got ${options.customers}`);
  if (!Number.isInteger(options.lines) || options.lines < 1) problems.push(`lines must be a positive integer, got ${options.lines}`);
  if (parseDay(options.end) <= parseDay(options.start)) problems.push(`end ${options.end} must be after start ${options.start}`);
  if (problems.length > 0) throw new Error(`generateSampleData: ${problems.join('; ')}`);
}

/** Generates a sample data set into `outDir` (and the database when `db` is given). */
export async function generateSampleData(options: GenerateOptions): Promise<GenerateResult> {
  checkOptions(options);
  const { seed, outDir } = options;
  const progress = options.onProgress ?? (() => undefined);
  await fs.mkdir(path.join(outDir, 'database'), { recursive: true });
  const windowDays = parseDay(options.end) - parseDay(options.start) + 1;
  const calendar = buildCalendar(options.start, options.end, historyDaysFor(windowDays));
  const population = drawPopulation(seed, options.customers, calendar);
  const intensities = behaviourIntensities(calendar);
  const rateScale = calibrateRateScale(population, exposures(population, calendar, intensities), options.lines / (1 + EXTRA_ROW_SHARE));
  const schedule = buildSchedule(seed, population, calendar, intensities, rateScale);
  const dropped = options.channelDrop === false ? new Uint8Array(schedule.size) : plantChannelDrop(seed, schedule, calendar);
  progress('schedule', schedule.size, schedule.size);

  const payload = (table: SourceTable) => CsvWriter.open(path.join(outDir, payloadPath(table)), columnNames(SOURCE_TABLES[table]), 'utf8');
  const customersTable = payload('customers');
  const customerStats = await writeCustomers(seed, population, schedule, calendar, [customersTable]);
  await customersTable.close();
  progress('customers', population.size, population.size);

  const online = new DatabaseOrderSink(SOURCE_NAMES.online, payload('orders'), payload('order_lines'));
  const store = new StoreExportSink(SOURCE_NAMES.store, CsvWriter.open(path.join(outDir, OUTPUT_FILES.storeOrders), columnNames(STORE_EXPORT), 'gbk', '\r\n'));
  const surveyWriters = [CsvWriter.open(path.join(outDir, OUTPUT_FILES.surveys), columnNames(SURVEY_EXPORT), 'utf8-bom', '\r\n'), payload('survey_responses')];
  const surveys = new SurveyRecorder(Random.stream(seed, 'surveys'), windowLastSecond(calendar), surveyWriters);
  const truth = new RevenueTruth();
  const faultRevenue = new Tally();
  const writers = [...online.writers, ...store.writers, ...surveyWriters];
  await writeOrders({
    seed, calendar, population, schedule, dropped, catalog: buildCatalog(seed), online, store, surveys, truth, faultRevenue, writers,
    onProgress: (done, total) => progress('orders', done, total),
  });
  for (const writer of writers) await writer.close();

  const marketing = marketingRows(seed, schedule, calendar);
  const marketingTable = payload('marketing_spend');
  for (const row of marketing.rows) marketingTable.row(marketingCells(row));
  await marketingTable.close();
  await writeMarketingWorkbook(path.join(outDir, OUTPUT_FILES.marketing), marketing.rows, new Date(parseDay(options.end) * SECONDS_PER_DAY * 1000));

  const planted = plantVoiceGroups(seed, population, schedule);
  const reviewsFile = CsvWriter.open(path.join(outDir, OUTPUT_FILES.reviews), columnNames(REVIEWS_EXPORT), 'gb18030', '\r\n');
  const reviews = writeReviews(seed, population, schedule, planted, windowLastSecond(calendar), reviewsFile);
  await reviewsFile.close();
  const engagementFile = CsvWriter.open(path.join(outDir, OUTPUT_FILES.engagement), columnNames(ENGAGEMENT_EXPORT), 'utf8');
  const engagement = await writeEngagement(seed, population, schedule, calendar, planted, engagementFile);
  await engagementFile.close();
  progress('voice', reviews.rows + engagement.rows, reviews.rows + engagement.rows);

  const sourcesPath = await writeSourceConfig(outDir);

  const tableRows: Record<SourceTable, number> = {
    customers: population.size, orders: online.orders, order_lines: online.rows, marketing_spend: marketing.rows.length, survey_responses: surveys.rows,
  };
  if (options.db) {
    progress('database', 0, 1);
    const loaded = await loadSourceSchema(options.db, outDir);
    for (const table of TABLES) {
      if (loaded[table] !== tableRows[table]) throw new Error(`generateSampleData: loaded ${loaded[table]} rows into ${SOURCE_SCHEMA}.${table}, wrote ${tableRows[table]}`);
    }
    progress('database', 1, 1);
  }

  const manifest: Manifest = {
    generator: 'scripts/generate',
    formatVersion: 1,
    seed,
    options: { customers: options.customers, lines: options.lines, start: options.start, end: options.end },
    timezone: TIMEZONE,
    currency: 'CNY',
    counts: {
      customers: population.size,
      customersWithOrders: new Set(schedule.customer.filter((_, k) => dropped[k] === 0)).size,
      orders: schedule.size - countOf(dropped, 1),
      orderLineRows: online.rows + store.rows,
      surveyResponses: surveys.rows,
      marketingRows: marketing.rows.length,
      reviews: reviews.rows,
      engagementEvents: engagement.rows,
    },
    sources: sourcesSection({ customers: { ...customerStats, rows: population.size }, online, store, marketing, surveys, reviews, engagement }),
    database: {
      schema: SOURCE_SCHEMA,
      loaded: options.db !== undefined,
      tables: Object.fromEntries(TABLES.map((t) => [t, { rows: tableRows[t], payload: payloadPath(t) }])),
    },
    files: await filesSection(outDir, [OUTPUT_FILES.storeOrders, OUTPUT_FILES.marketing, OUTPUT_FILES.surveys, OUTPUT_FILES.reviews, OUTPUT_FILES.engagement, OUTPUT_FILES.sources, ...TABLES.map(payloadPath)]),
    latent: latentSection(population, schedule, dropped, rateScale, planted, engagement),
    expected: expectedSection(truth, faultRevenue, marketing.rows, surveys),
  };
  const manifestPath = path.join(outDir, OUTPUT_FILES.manifest);
  await fs.writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, manifestPath, sourcesPath, manifest };
}
