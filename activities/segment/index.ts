/**
 * Segment stage, first step: reads the run's `customer_profiles`, applies the one
 * segmentation (analytics/segment/segmentCustomers.ts) with the config's seed and choice of k,
 * and writes the run's `customer_segments`, `segment_summary`, `segment_clustering` (with the
 * alternative methods' agreement) and `segment_clusters`. Personas, cross-tabs, migration and
 * affinity follow in insights.ts. Each customer's voice tags (customer_voice) join the profile
 * tags, and the per-segment voice results are written at the end (voiceBySegment.ts).
 */
import { availableParallelism } from 'node:os';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import type { SegmentationFeatures } from '../../analytics/profile/features';
import { rfmSegmentName } from '../../analytics/segment/rfm';
import { type Segmentation, type SegmentationOptions, segmentCustomers } from '../../analytics/segment/segmentCustomers';
import type { SegmentResult } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import type { Progress } from '../heartbeat';
import { defineStage } from '../stage';
import { startCandidateThread } from './candidateFits';
import { writeVoiceBySegment } from './voiceBySegment';

/** A stored `customer_profiles` row as pg returns it (numeric columns as text). */
export interface ProfileRow {
  customer_id: string;
  recency_days: number;
  frequency: number;
  monetary: string;
  tenure_days: number;
  avg_order_value: string;
  mean_interpurchase_days: number | null;
  last_gap_days: number | null;
  spend_trend: number;
  spend_trend_relative: number;
  top_channel: string | null;
  top_category: string | null;
  channel_shares: Record<string, number>;
  category_shares: Record<string, number>;
  age: number | null;
  festival_orders: number | null;
  festival_exposure: number | null;
  price_index: string | null;
  units_per_line: string | null;
  most_active_weekday: number | null;
  most_active_hour: number | null;
  first_order_at: Date;
  last_order_at: Date;
}

const numberOrNull = (v: string | number | null) => (v === null ? null : Number(v));

/** The columns the segmentation reads (SegmentationFeatures): the others are not read. */
type SegmentationProfile = Pick<ProfileRow, (typeof PROFILE_COLUMNS)[number]>;

/** A profile row as the features the segmentation reads. */
function featuresOf(p: SegmentationProfile): SegmentationFeatures {
  return {
    customerId: p.customer_id,
    recencyDays: Number(p.recency_days),
    frequency: Number(p.frequency),
    monetary: Number(p.monetary),
    tenureDays: Number(p.tenure_days),
    averageOrderValue: Number(p.avg_order_value),
    meanInterPurchaseDays: numberOrNull(p.mean_interpurchase_days),
    lastGapDays: numberOrNull(p.last_gap_days),
    spendTrendRelative: Number(p.spend_trend_relative),
    channelShares: p.channel_shares ?? {},
    festivalOrders: p.festival_orders ?? 0,
    festivalExposure: p.festival_exposure ?? 0,
    priceIndex: numberOrNull(p.price_index),
    unitsPerLine: numberOrNull(p.units_per_line),
    age: p.age,
  };
}

const PROFILE_COLUMNS = ['customer_id', 'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value', 'mean_interpurchase_days',
  'last_gap_days', 'spend_trend_relative', 'channel_shares', 'age', 'festival_orders', 'festival_exposure', 'price_index', 'units_per_line'] as const;

/** Profiles read per query: the rows of one batch are garbage once they are features. */
const PROFILE_BATCH = 20_000;

/**
 * The run's profiles as features, in customer order, read in keyset batches: at 400,000
 * customers the rows as pg returns them took about as much heap again as the features, and
 * the step's thread could not hold both beside the segmentation.
 */
export async function readFeatures(db: Knex, runId: string, batchSize = PROFILE_BATCH): Promise<SegmentationFeatures[]> {
  const features: SegmentationFeatures[] = [];
  let last: string | undefined;
  for (;;) {
    const batch: SegmentationProfile[] = await db('customer_profiles')
      .where({ run_id: runId })
      .modify((q) => { if (last !== undefined) q.where('customer_id', '>', last); })
      .orderBy('customer_id')
      .limit(batchSize)
      .select(PROFILE_COLUMNS);
    for (const row of batch) features.push(featuresOf(row));
    if (batch.length < batchSize) return features;
    last = batch[batch.length - 1].customer_id;
  }
}

/** Customers whose voice tags are read per query while their segment rows are written. */
const VOICE_BATCH = 20_000;

/**
 * The voice tags (customer_voice) of some customers, by customer: read a batch at a time
 * beside the rows being written, not as one map of every customer, which the step's thread
 * could not hold beside the features at 400,000 customers.
 */
async function readVoiceTags(db: Knex, runId: string, customerIds: readonly string[]): Promise<Map<string, string[]>> {
  // One array parameter rather than an IN list of 20,000 placeholders.
  const { rows } = await db.raw<{ rows: Array<{ customer_id: string; tags: string[] }> }>(
    'SELECT customer_id, tags FROM customer_voice WHERE run_id = ? AND customer_id = ANY(?::text[])', [runId, customerIds as string[]]);
  return new Map(rows.map((v) => [v.customer_id, v.tags]));
}

const SEGMENT_COLUMNS = ['run_id', 'customer_id', 'r_score', 'f_score', 'm_score', 'rfm_segment', 'rfm_segment_zh', 'cluster', 'value_tier', 'lifecycle', 'customer_group', 'tags'] as const;

/** The chosen clustering and, per cluster, its size, revenue share, feature means and rules. */
async function storeClustering(client: PoolClient, runId: string, seed: number, features: readonly SegmentationFeatures[], segmentation: Segmentation): Promise<void> {
  const clustering = segmentation.clustering!;
  await client.query(
    `INSERT INTO segment_clustering (run_id, k, k_criterion, elbow_k, silhouette, seed, feature_keys, candidates, rule_fidelity, rule_holdout_size, alternatives)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [runId, segmentation.k, clustering.criterion, clustering.elbowK, segmentation.silhouette, seed, JSON.stringify(clustering.featureKeys), JSON.stringify(clustering.candidates),
      clustering.ruleFidelity, clustering.ruleHoldoutSize, JSON.stringify(clustering.alternatives)],
  );
  const revenue = new Map<number, number>();
  let total = 0;
  features.forEach((f, i) => {
    const cluster = segmentation.customers.cluster(i);
    revenue.set(cluster, (revenue.get(cluster) ?? 0) + f.monetary);
    total += f.monetary;
  });
  for (const s of clustering.clusters) {
    await client.query(
      `INSERT INTO segment_clusters (run_id, cluster, customers, customer_share, revenue_share, feature_means, rules, rule_fidelity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [runId, s.cluster, s.customers, s.customers / segmentation.customers.length, total > 0 ? (revenue.get(s.cluster) ?? 0) / total : 0,
        JSON.stringify(s.featureMeans), JSON.stringify(s.rules.map((r) => ({ ...r.text, support: r.support }))), s.ruleFidelity],
    );
  }
}

/**
 * The run's features and their segmentation, its candidate k fitted on a second thread when the
 * machine has a second core (candidateFits.ts). The thread is started before the profiles are
 * read, so that it loads while they arrive, and ended once the segmentation is done.
 */
async function readAndSegment(db: Knex, runId: string, options: Pick<SegmentationOptions, 'seed' | 'criterion'>, progress: Progress):
  Promise<{ features: SegmentationFeatures[]; segmentation: Segmentation }> {
  const thread = availableParallelism() > 1 ? startCandidateThread() : undefined;
  try {
    const features = await readFeatures(db, runId);
    progress({ profiles: features.length });
    return { features, segmentation: segmentCustomers(features, { ...options, fitCandidates: thread?.fitCandidates }) };
  } finally {
    await thread?.close();
  }
}

export const segmentStage = defineStage<StageInput, Omit<SegmentResult, 'ms'>>({
  step: () => STEPS.segment,
  async run({ context, client, db, progress }) {
    const { runId } = context;
    const { seed, kCriterion } = context.config.segmentation;
    const { features, segmentation } = await readAndSegment(db, runId, { seed, criterion: kCriterion }, progress);
    progress({ profiles: features.length, segmented: segmentation.customers.length });
    const writer = new CopyWriter(client, 'customer_segments', SEGMENT_COLUMNS);
    const { customers } = segmentation;
    for (let from = 0; from < customers.length; from += VOICE_BATCH) {
      const to = Math.min(from + VOICE_BATCH, customers.length);
      const voiceTags = await readVoiceTags(db, runId, features.slice(from, to).map((f) => f.customerId));
      for (let i = from; i < to; i++) {
        const c = customers.at(i);
        await writer.write([runId, c.features.customerId, c.rfm.r, c.rfm.f, c.rfm.m, c.rfm.segment, rfmSegmentName(c.rfm.segment).zh,
          c.cluster, c.tier, c.lifecycle, c.group, JSON.stringify([...c.tags, ...(voiceTags.get(c.features.customerId) ?? [])])]);
      }
    }
    await writer.flush();
    await client.query(
      `INSERT INTO segment_summary (run_id, segment, customers, revenue_share)
       SELECT s.run_id, s.rfm_segment, count(*)::int,
              coalesce(sum(p.monetary) / nullif(sum(sum(p.monetary)) OVER (), 0), 0)::float8
       FROM customer_segments s JOIN customer_profiles p USING (run_id, customer_id)
       WHERE s.run_id = $1 GROUP BY s.run_id, s.rfm_segment`,
      [runId],
    );
    if (segmentation.clustering) await storeClustering(client, runId, seed, features, segmentation);
    await writeVoiceBySegment(client, context);
    const { k, silhouette, clusteringSkipped } = segmentation;
    return { customers: segmentation.customers.length, k, silhouette, clusteringSkipped, seed };
  },
  rows: (result) => result.customers,
});
