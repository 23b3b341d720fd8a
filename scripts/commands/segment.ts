/**
 * `segment --input TX.csv --output SEGMENTS.csv [--as-of YYYY-MM-DD] [--seed N]` (SPEC §9):
 * profiling and segmentation of a user's own transactions, no Temporal or database.
 * TX needs `customer_id,date,amount`; `channel`, `category`, `order_id` and `status` are used when
 * present (rows sharing an order_id are one order; returns net against it). Encodings, dates and
 * amounts are read by the pipeline's rules (scripts/lib/offlineCsv.ts); times without a zone are
 * UTC. The output has one row per customer: features, RFM scores and segment (en, zh), cluster,
 * value tier, lifecycle, group and tags.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { lineKind } from '../../analytics/cleaning/codes';
import { optionalText, requiredAmount, requiredText, requiredTimestamp } from '../../analytics/cleaning/fields';
import type { RuleName } from '../../analytics/cleaning/rules';
import type { OrderRow } from '../../analytics/profile/features';
import { DECLARED_ENCODINGS, type DeclaredEncoding } from '../../config/sources';
import { K_CRITERIA } from '../../analytics/segment/chooseK';
import { VALUE_TIER_NAMES, groupName, lifecycleName } from '../../analytics/segment/groups';
import { rfmSegmentName } from '../../analytics/segment/rfm';
import { type Segmentation, segmentCustomers } from '../../analytics/segment/segmentCustomers';
import { recordsToCsv } from '../../reports/csv';
import { isoDateArg, seedArg } from '../lib/cliArgs';
import { offlineCleanContext, readField, readOfflineCsv, rowError, type OfflineRecord } from '../lib/offlineCsv';

const REQUIRED = ['customer_id', 'date', 'amount'] as const;

/**
 * Reads TX.csv into order rows with the pipeline's reader and field rules. A return or
 * cancellation (negative amount, or a return/cancel status) is netted against its order, so it
 * needs an `order_id` whose order has a sale in the file; errors name the file, row, line, column.
 */
export async function readTransactions(file: string, options: { encoding?: DeclaredEncoding } = {}): Promise<OrderRow[]> {
  const ctx = offlineCleanContext();
  const rows: OrderRow[] = [];
  const sold = new Set<string>();
  const returns: Array<{ record: OfflineRecord; orderId: string }> = [];
  for await (const record of readOfflineCsv(file, REQUIRED, options)) {
    const raw = record.values;
    const rules = new Set<RuleName>();
    const customerId = readField(file, record, () => requiredText(raw, 'customer_id', rules, 'missing_customer_id'));
    const orderedAt = readField(file, record, () => requiredTimestamp(raw, 'date', ctx, rules));
    const amount = readField(file, record, () => requiredAmount(raw, 'amount', ctx, rules));
    const orderId = optionalText(raw, 'order_id', rules) ?? null;
    const kind = lineKind(optionalText(raw, 'status', rules), amount);
    if (kind === 'sale' && orderId) sold.add(orderId);
    if (kind !== 'sale') {
      if (!orderId) throw rowError(file, record, 'amount', `${amount} is a return or cancellation with no order_id to net it against (return_without_sale)`);
      returns.push({ record, orderId });
    }
    rows.push({
      customerId,
      orderedAt,
      amount: kind === 'sale' ? amount : -Math.abs(amount),
      orderId,
      channel: optionalText(raw, 'channel', rules) ?? null,
      category: optionalText(raw, 'category', rules) ?? null,
    });
  }
  const unmatched = returns.find((r) => !sold.has(r.orderId));
  if (unmatched) throw rowError(file, unmatched.record, 'order_id', `the return or cancellation of order ${unmatched.orderId} has no sale of that order in the file (return_without_sale)`);
  if (rows.length === 0) throw new Error(`${file}: no transactions`);
  return rows;
}

const round = (x: number | null, digits: number) => (x === null ? '' : Number(x.toFixed(digits)));

/** One output row per customer. */
export function segmentRows(result: Segmentation): Record<string, string | number>[] {
  const channels = [...new Set(result.customers.flatMap((c) => Object.keys(c.features.channelShares)))].sort();
  return result.customers.map(({ features: f, rfm, cluster, tier, lifecycle, group, tags }) => ({
    customer_id: f.customerId,
    recency_days: round(f.recencyDays, 2),
    frequency: f.frequency,
    monetary: round(f.monetary, 2),
    tenure_days: round(f.tenureDays, 2),
    average_order_value: round(f.averageOrderValue, 2),
    mean_interpurchase_days: round(f.meanInterPurchaseDays, 2),
    last_gap_days: round(f.lastGapDays, 2),
    spend_trend: round(f.spendTrend, 2),
    spend_trend_relative: round(f.spendTrendRelative, 4),
    top_category: f.topCategory ?? '',
    top_channel: f.topChannel ?? '',
    ...Object.fromEntries(channels.map((ch) => [`channel_share_${ch}`, round(f.channelShares[ch] ?? 0, 4)])),
    most_active_weekday: f.mostActiveWeekday,
    most_active_hour: f.mostActiveHour,
    r_score: rfm.r,
    f_score: rfm.f,
    m_score: rfm.m,
    rfm_segment: rfm.segment,
    rfm_segment_en: rfmSegmentName(rfm.segment).en,
    rfm_segment_zh: rfmSegmentName(rfm.segment).zh,
    cluster,
    value_tier: tier,
    value_tier_zh: VALUE_TIER_NAMES[tier].zh,
    lifecycle,
    lifecycle_zh: lifecycleName(lifecycle).zh,
    group,
    group_zh: groupName(group).zh,
    tags: tags.join(';'),
  }));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(' | ');
}

/** The short summary printed after a run. */
export function segmentSummary(result: Segmentation, rows: number, asOf: Date): string {
  const { clustering: c, explanation: e, alternatives: a, customers } = result;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const size = (k: number) => customers.filter((x) => x.cluster === k).length;
  return [
    `${customers.length} customers from ${rows} rows, as of ${asOf.toISOString().slice(0, 10)}`,
    `k-means: k = ${c.k} chosen by ${c.criterion.replace('_', ' ')} (silhouette ${c.silhouette.toFixed(3)}; elbow of inertia: k = ${c.elbowK})`,
    `  by k (silhouette / prediction strength): ${c.candidates.map((x) => `${x.k}: ${x.silhouette.toFixed(3)} / ${x.predictionStrength.toFixed(3)}`).join(', ')}`,
    `cluster rules: fidelity ${pct(e.fidelity)} on ${e.holdoutSize} held-out customers`,
    ...e.rules.map((r) => `  cluster ${r.cluster} (${size(r.cluster)} customers) ← ${r.text.en}`),
    `alternatives on ${a.sampleSize} customers: hierarchical (${a.hierarchical.linkage}) ARI ${a.hierarchical.ariVsKmeans.toFixed(3)};` +
      ` DBSCAN ${a.dbscan.clusters} clusters, ${pct(a.dbscan.noiseShare)} noise, ARI ${a.dbscan.ariVsKmeans.toFixed(3)}`,
    `RFM segments: ${countBy(customers, (x) => rfmSegmentName(x.rfm.segment).en)}`,
    `groups: ${countBy(customers, (x) => `${groupName(x.group).zh}/${groupName(x.group).en}`)}`,
  ].join('\n');
}

export function registerSegmentCommand(program: Command): void {
  program
    .command('segment')
    .description('customer features, RFM segments, k-means clusters with rules, groups and tags from a transactions CSV')
    .requiredOption('--input <file>', 'transactions CSV with customer_id,date,amount (channel, category, order_id used when present)')
    .requiredOption('--output <file>', 'per-customer segments CSV to write')
    .option('--as-of <date>', 'only rows on or before this date (YYYY-MM-DD); default: the latest date in the input', isoDateArg)
    .option('--seed <n>', 'seed for sampling and k-means', seedArg, 1)
    .option('--k-by <criterion>', 'how k is chosen: prediction_strength (the largest reproducible k) or silhouette', 'prediction_strength')
    .addOption(new Option('--encoding <encoding>', 'encoding of the input (default: detected)').choices(DECLARED_ENCODINGS).default('auto'))
    .action(async (opts: { input: string; output: string; asOf?: string; seed: number; kBy: string; encoding: DeclaredEncoding }) => {
      const { seed } = opts;
      const criterion = K_CRITERIA.find((c) => c === opts.kBy);
      if (!criterion) throw new Error(`--k-by must be one of ${K_CRITERIA.join(', ')}, got "${opts.kBy}"`);
      const orders = await readTransactions(opts.input, { encoding: opts.encoding });
      const asOf = opts.asOf ? new Date(`${opts.asOf}T00:00:00Z`) : new Date(orders.reduce((m, o) => Math.max(m, o.orderedAt.getTime()), -Infinity));
      const result = segmentCustomers(orders, { asOf, seed, criterion });
      writeFileSync(opts.output, recordsToCsv(segmentRows(result)));
      console.log(segmentSummary(result, orders.length, asOf));
      console.log(`wrote ${opts.output}`);
    });
}
