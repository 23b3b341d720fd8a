/**
 * `segment --input TX.csv --output SEGMENTS.csv` (SPEC §9): profiling and segmentation of a
 * user's own transactions, no Temporal or database to set up. The file runs through the
 * pipeline's own extract, clean, profile and segment stages on a throwaway embedded PostgreSQL
 * (scripts/lib/offlinePipeline.ts), so every customer's features, RFM segment and cluster are
 * those a weekly run computes from the same rows. TX needs `customer_id,date,amount` (or a
 * source of `--config` that maps them); rows that cannot be used are set aside and counted per
 * reason (`--rejects FILE` writes them; `--strict` makes the first an error). The output has one
 * row per customer with a counted order: features, RFM scores and segment (en, zh), cluster,
 * value tier, lifecycle, group and tags.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { profileStage } from '../../activities/profile';
import { segmentStage, type ProfileRow } from '../../activities/segment';
import type { ClusteringComparison } from '../../analytics/segment/alternatives';
import { K_CRITERIA, type KCandidate, type KCriterion } from '../../analytics/segment/chooseK';
import { VALUE_TIER_NAMES, groupName, lifecycleName, type CustomerGroup, type Lifecycle, type ValueTier } from '../../analytics/segment/groups';
import { rfmSegmentName, type RfmSegment } from '../../analytics/segment/rfm';
import { DECLARED_ENCODINGS } from '../../config/sources';
import type { RunContext } from '../../contract/runContext';
import { loadConfig } from '../../infra/config';
import { recordsToCsv } from '../../reports/csv';
import { integerIn, isoDateArg } from '../lib/cliArgs';
import { contextAsOf, extractAndClean, offlineDatabaseName, offlineSourceConfig, reportCleaning, withOfflinePipeline, type OfflineInputOptions } from '../lib/offlinePipeline';
import type { Knex } from 'knex';

interface SegmentOptions extends OfflineInputOptions {
  output: string;
  asOf?: string;
  seed?: number;
  kBy?: string;
}

/** A stored profile with its segment (activities/segment ProfileRow's columns and customer_segments'). */
export interface SegmentRow extends ProfileRow {
  r_score: number;
  f_score: number;
  m_score: number;
  rfm_segment: RfmSegment;
  cluster: number;
  value_tier: ValueTier;
  lifecycle: Lifecycle;
  customer_group: CustomerGroup;
  tags: string[];
}

/** A run's profiles with their segments, by customer. */
export async function segmentedCustomers(db: Knex, context: Pick<RunContext, 'runId'>): Promise<SegmentRow[]> {
  return db('customer_profiles as p').join('customer_segments as s', function joinRun() {
    this.on('s.run_id', 'p.run_id').andOn('s.customer_id', 'p.customer_id');
  }).where('p.run_id', context.runId).orderBy('p.customer_id').select('p.*', 's.r_score', 's.f_score', 's.m_score', 's.rfm_segment', 's.cluster', 's.value_tier', 's.lifecycle', 's.customer_group', 's.tags');
}

const round = (x: number | string | null, digits: number) => (x === null ? '' : Number(Number(x).toFixed(digits)));

/** One output row per customer. */
export function outputRows(customers: readonly SegmentRow[]): Record<string, string | number>[] {
  const channels = [...new Set(customers.flatMap((c) => Object.keys(c.channel_shares)))].sort();
  return customers.map((c) => ({
    customer_id: c.customer_id,
    recency_days: round(c.recency_days, 2),
    frequency: c.frequency,
    monetary: round(c.monetary, 2),
    tenure_days: round(c.tenure_days, 2),
    average_order_value: round(c.avg_order_value, 2),
    mean_interpurchase_days: round(c.mean_interpurchase_days, 2),
    last_gap_days: round(c.last_gap_days, 2),
    spend_trend: round(c.spend_trend, 2),
    spend_trend_relative: round(c.spend_trend_relative, 4),
    top_category: c.top_category ?? '',
    top_channel: c.top_channel ?? '',
    ...Object.fromEntries(channels.map((ch) => [`channel_share_${ch}`, round(c.channel_shares[ch] ?? 0, 4)])),
    most_active_weekday: c.most_active_weekday ?? '',
    most_active_hour: c.most_active_hour ?? '',
    festival_orders: c.festival_orders ?? '',
    festival_exposure: round(c.festival_exposure, 4),
    price_index: round(c.price_index, 4),
    units_per_line: round(c.units_per_line, 2),
    r_score: c.r_score,
    f_score: c.f_score,
    m_score: c.m_score,
    rfm_segment: c.rfm_segment,
    rfm_segment_en: rfmSegmentName(c.rfm_segment).en,
    rfm_segment_zh: rfmSegmentName(c.rfm_segment).zh,
    cluster: c.cluster,
    value_tier: c.value_tier,
    value_tier_zh: VALUE_TIER_NAMES[c.value_tier].zh,
    lifecycle: c.lifecycle,
    lifecycle_zh: lifecycleName(c.lifecycle).zh,
    group: c.customer_group,
    group_zh: groupName(c.customer_group).zh,
    tags: c.tags.join(';'),
  }));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(' | ');
}

interface ClusteringRow {
  k: number;
  k_criterion: KCriterion;
  elbow_k: number;
  silhouette: number;
  candidates: KCandidate[];
  rule_fidelity: number;
  rule_holdout_size: number;
  alternatives: ClusteringComparison;
}

/** The short summary printed after a run, from what the segment stage stored. */
async function segmentSummary(db: Knex, context: RunContext, customers: readonly SegmentRow[]): Promise<string> {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [`${customers.length} customers, as of ${context.asOf}`];
  const c = await db('segment_clustering').where({ run_id: context.runId }).first() as ClusteringRow | undefined;
  if (!c) lines.push(`too few customers to cluster (fewer than 30): everyone is in cluster 0`);
  else {
    const clusters = await db('segment_clusters').where({ run_id: context.runId }).orderBy('cluster') as Array<{ cluster: number; customers: number; rules: Array<{ en: string }> }>;
    const a = c.alternatives;
    lines.push(
      `k-means: k = ${c.k} chosen by ${c.k_criterion.replace('_', ' ')} (silhouette ${c.silhouette.toFixed(3)}; elbow of inertia: k = ${c.elbow_k})`,
      `  by k (silhouette / prediction strength): ${c.candidates.map((x) => `${x.k}: ${x.silhouette.toFixed(3)} / ${x.predictionStrength.toFixed(3)}`).join(', ')}`,
      `cluster rules: fidelity ${pct(c.rule_fidelity)} on ${c.rule_holdout_size} held-out customers`,
      ...clusters.flatMap((cl) => cl.rules.map((r) => `  cluster ${cl.cluster} (${cl.customers} customers) ← ${r.en}`)),
      `alternatives on ${a.sampleSize} customers: hierarchical (${a.hierarchical.linkage}) ARI ${a.hierarchical.ariVsKmeans.toFixed(3)};` +
        ` DBSCAN ${a.dbscan.clusters} clusters, ${pct(a.dbscan.noiseShare)} noise, ARI ${a.dbscan.ariVsKmeans.toFixed(3)}`,
    );
  }
  lines.push(
    `RFM segments: ${countBy(customers, (x) => rfmSegmentName(x.rfm_segment).en)}`,
    `groups: ${countBy(customers, (x) => `${groupName(x.customer_group).zh}/${groupName(x.customer_group).en}`)}`,
  );
  return lines.join('\n');
}

export async function runSegment(opts: SegmentOptions): Promise<void> {
  const kCriterion = K_CRITERIA.find((c) => c === (opts.kBy ?? 'prediction_strength'));
  if (!kCriterion) throw new Error(`--k-by must be one of ${K_CRITERIA.join(', ')}, got "${opts.kBy}"`);
  const app = loadConfig();
  const { config, source } = await offlineSourceConfig(opts, { segmentation: { kCriterion, ...(opts.seed === undefined ? {} : { seed: opts.seed }) } });
  const say = (line: string) => console.error(line);
  say(`running extract, clean, profile and segment on ${offlineDatabaseName(app)} (no Temporal)…`);
  await withOfflinePipeline(app, async (pipeline) => {
    const { context: cleaned, report } = await extractAndClean(pipeline, app, config, opts.asOf);
    await reportCleaning(pipeline.db, source, report, opts, say);
    const context = await contextAsOf(pipeline.db, cleaned, opts.asOf);
    const profiled = await pipeline.run(profileStage, { context });
    await pipeline.run(segmentStage, { context });
    const customers = await segmentedCustomers(pipeline.db, context);
    const uncounted = await pipeline.db('clean_orders').where({ run_id: context.runId }).countDistinct({ n: 'customer_id' }).first() as { n: string };
    const left = Number(uncounted.n) - profiled.customers;
    if (left > 0) say(`${left.toLocaleString('en-US')} customer(s) have no counted order (every order returned, cancelled or flagged as an outlier): not segmented`);
    writeFileSync(opts.output, recordsToCsv(outputRows(customers)));
    console.log(await segmentSummary(pipeline.db, context, customers));
    console.log(`wrote ${opts.output}`);
  });
}

export function registerSegmentCommand(program: Command): void {
  program
    .command('segment')
    .description('customer features, RFM segments, k-means clusters with rules, groups and tags from a transactions file, through the pipeline\'s own stages')
    .option('--input <file>', 'transactions CSV with customer_id,date,amount (order_id, channel, category, status, quantity, unit_price used when present); with --config, replaces the source\'s file')
    .requiredOption('--output <file>', 'per-customer segments CSV to write')
    .option('--config <file>', 'source config (JSON) whose --source maps the file\'s columns, formats, encoding and time zone')
    .option('--source <name>', 'the order-lines source of --config to read')
    .option('--allow-outside', 'let the config name a file outside its folder')
    .option('--as-of <date>', 'only rows on or before this date (YYYY-MM-DD); default: the day of the last order', isoDateArg)
    .option('--seed <n>', 'seed for sampling and k-means (default 42, as a pipeline run)', integerIn(-(2 ** 31), 2 ** 31 - 1))
    .option('--k-by <criterion>', 'how k is chosen: prediction_strength (the largest reproducible k) or silhouette', 'prediction_strength')
    .addOption(new Option('--encoding <encoding>', 'encoding of the input without --config (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .option('--rejects <file>', 'write the rows set aside (source row, reason, column, detail, values) to this CSV')
    .option('--strict', 'stop at the first row that cannot be used, naming its file, row and column')
    .action((opts: SegmentOptions) => runSegment(opts));
}
