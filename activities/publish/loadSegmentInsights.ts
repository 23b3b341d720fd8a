/**
 * The segment insights of the report model: the run's clustering with each cluster's rules,
 * the customer-group migration since the previous run with the customers moved into risk, and
 * the frequently-bought-together pairs (category level overall, product level top 10).
 */
import type { Knex } from 'knex';
import type { AffinityPair, SegmentInsights } from '../../reports/model/segmentInsights';

const MIGRATION_DIMENSION = 'customer_group';
const TOP_PRODUCT_PAIRS = 10;

const affinity = async (db: Knex, runId: string, level: 'category' | 'product', limit?: number): Promise<AffinityPair[]> => {
  const query = db('product_affinity').where({ run_id: runId, segment: 'all', level }).orderBy([{ column: 'lift', order: 'desc' }, { column: 'orders', order: 'desc' }, 'item_a', 'item_b']);
  return (await (limit === undefined ? query : query.limit(limit))).map((p) => ({
    itemA: p.item_a, itemB: p.item_b, orders: p.orders, support: p.support, confidenceAB: p.confidence_ab, confidenceBA: p.confidence_ba, lift: p.lift,
  }));
};

export async function loadSegmentInsights(db: Knex, runId: string): Promise<SegmentInsights> {
  const clustering = await db('segment_clustering').where({ run_id: runId }).first();
  const clusters = clustering ? await db('segment_clusters').where({ run_id: runId }).orderBy('cluster') : [];
  const migration = await db('segment_migration').where({ run_id: runId, dimension: MIGRATION_DIMENSION }).orderBy(['from_segment', 'to_segment']);
  const [{ n: movedIntoRisk }] = await db('segment_moves_into_risk').where({ run_id: runId, dimension: MIGRATION_DIMENSION }).count<{ n: string }[]>({ n: '*' });
  return {
    clustering: clustering ? {
      k: clustering.k, criterion: clustering.k_criterion, silhouette: clustering.silhouette, ruleFidelity: clustering.rule_fidelity, featureKeys: clustering.feature_keys,
      predictionStrength: (clustering.candidates as Array<{ k: number; predictionStrength?: number }>).find((c) => c.k === clustering.k)?.predictionStrength ?? null,
      clusters: clusters.map((c) => ({
        cluster: c.cluster, customers: c.customers, customerShare: c.customer_share, revenueShare: c.revenue_share,
        featureMeans: c.feature_means, rules: c.rules, ruleFidelity: c.rule_fidelity,
      })),
    } : null,
    migration: migration.length === 0 ? null : {
      previousRunId: migration[0].previous_run_id,
      cells: migration.map((m) => ({ from: m.from_segment, to: m.to_segment, customers: m.customers, shareOfFrom: m.share_of_from })),
      movedIntoRisk: Number(movedIntoRisk),
    },
    categoryAffinity: await affinity(db, runId, 'category'),
    productAffinity: await affinity(db, runId, 'product', TOP_PRODUCT_PAIRS),
  };
}
