/**
 * `segment --input TX.csv --output SEGMENTS.csv [--as-of YYYY-MM-DD] [--seed N]` (SPEC §9):
 * profiling and segmentation of a user's own transactions, no Temporal or database.
 * TX needs `customer_id,date,amount`; `channel`, `category` and `order_id` are used when present
 * (rows sharing an order_id are one order). Dates are `YYYY-MM-DD` or ISO date-times; times
 * without a zone are read as UTC. The output has one row per customer: features, RFM scores and
 * segment (en, zh), cluster, value tier, lifecycle, group and tags.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { OrderRow } from '../../analytics/profile/features';
import { K_CRITERIA } from '../../analytics/segment/chooseK';
import { VALUE_TIER_NAMES, groupName, lifecycleName } from '../../analytics/segment/groups';
import { rfmSegmentName } from '../../analytics/segment/rfm';
import { type Segmentation, segmentCustomers } from '../../analytics/segment/segmentCustomers';

const REQUIRED = ['customer_id', 'date', 'amount'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date or date-time as an instant (UTC when no zone is given), or undefined when not one. */
export function parseDate(text: string): Date | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone = 'Z'] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  // Reject dates that roll over (2024-02-30).
  return Number.isNaN(date.getTime()) || (zone === 'Z' && date.getUTCDate() !== Number(d)) ? undefined : date;
}

type RecordInfo = { records: number; lines: number };

/** One CSV record as an order row; errors name the file, row, line and column. */
function toOrderRow(file: string, record: Record<string, string>, info: RecordInfo): OrderRow {
  const fail = (column: string, problem: string): never => {
    throw new Error(`${file}: row ${info.records} (line ${info.lines}), column "${column}": ${problem}`);
  };
  const customerId = record.customer_id || fail('customer_id', 'is empty');
  const orderedAt = parseDate(record.date) ?? fail('date', `"${record.date}" is not a date (YYYY-MM-DD or ISO date-time)`);
  const amount = Number(record.amount.replace(/,/g, ''));
  if (record.amount === '' || !Number.isFinite(amount)) fail('amount', `"${record.amount}" is not a number`);
  return {
    customerId,
    orderedAt,
    amount,
    orderId: record.order_id || null,
    channel: record.channel || null,
    category: record.category || null,
  };
}

/** Reads TX.csv into order rows; every error message starts with the file name. */
export async function readTransactions(file: string): Promise<OrderRow[]> {
  const rows: OrderRow[] = [];
  const parser = parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  createReadStream(file).on('error', (err) => parser.destroy(err)).pipe(parser);
  try {
    for await (const chunk of parser) {
      const { record, info } = chunk as { record: Record<string, string>; info: RecordInfo };
      if (rows.length === 0) {
        const missing = REQUIRED.filter((c) => !(c in record));
        if (missing.length > 0) throw new Error(`missing column(s) ${missing.join(', ')} (found: ${Object.keys(record).join(', ')})`);
      }
      rows.push(toOrderRow(file, record, info));
    }
  } catch (err) {
    // File-system and csv-parse errors (which name the line) get the file name in front.
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.startsWith(`${file}:`) ? message : `${file}: ${message}`);
  }
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
    .option('--as-of <date>', 'only rows on or before this date (YYYY-MM-DD); default: the latest date in the input')
    .option('--seed <n>', 'seed for sampling and k-means', '1')
    .option('--k-by <criterion>', 'how k is chosen: prediction_strength (the largest reproducible k) or silhouette', 'prediction_strength')
    .action(async (opts: { input: string; output: string; asOf?: string; seed: string; kBy: string }) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${opts.seed}"`);
      const criterion = K_CRITERIA.find((c) => c === opts.kBy);
      if (!criterion) throw new Error(`--k-by must be one of ${K_CRITERIA.join(', ')}, got "${opts.kBy}"`);
      const asOfGiven = opts.asOf === undefined ? undefined : parseDate(opts.asOf);
      if (opts.asOf !== undefined && asOfGiven === undefined) throw new Error(`--as-of must be a date YYYY-MM-DD, got "${opts.asOf}"`);
      const orders = await readTransactions(opts.input);
      const asOf = asOfGiven ?? new Date(orders.reduce((m, o) => Math.max(m, o.orderedAt.getTime()), -Infinity));
      const result = segmentCustomers(orders, { asOf, seed, criterion });
      writeFileSync(opts.output, stringify(segmentRows(result), { header: true }));
      console.log(segmentSummary(result, orders.length, asOf));
      console.log(`wrote ${opts.output}`);
    });
}
