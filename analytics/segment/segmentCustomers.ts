/**
 * The segmentation of SPEC §4 on customers whose features are computed
 * (analytics/profile/features.ts): RFM → k-means (k by prediction strength or silhouette, fitted
 * on a sample, every customer assigned) → rules explaining the clusters → the alternative methods
 * on a sample → value tier, lifecycle, group and tags per customer. The one entry point: the
 * segment stage calls it, and the `segment` command and the benchmark go through that stage or
 * call it the same way. With fewer than MIN_CUSTOMERS customers clustering is skipped on purpose
 * (every customer in cluster 0, k = 1, no silhouette, no rules); everything else still runs.
 */
import type { CustomerFeatures } from '../profile/features';
import { applyScalerToPoints, fitZScorePoints } from '../profile/standardize';
import { type ClusteringComparison, compareClusterings } from './alternatives';
import { type KCandidate, type KCriterion, clusterCustomers } from './chooseK';
import { clusterFeatureRows } from './clusterFeatures';
import { type ClusterRule, explainClusters } from './explain';
import { type CustomerGroup, type GroupThresholds, type Lifecycle, type ValueTier, customerGroup, lifecycleStage, valueTiers } from './groups';
import { type RfmScore, rfmScores } from './rfm';
import { type TagOptions, profileTags } from './tags';

export const DEFAULT_SEGMENT_SEED = 42;

/** Fewest customers the clustering and its held-out rule check are run on. */
export const MIN_CUSTOMERS = 30;

export interface SegmentationOptions {
  seed?: number;
  kMin?: number;
  kMax?: number;
  /** How k is chosen (chooseK.ts; default prediction strength). */
  criterion?: KCriterion;
  /** Customers the k-means models and the rule tree are fitted on (default 20,000). */
  fitSampleSize?: number;
  /** Customers the alternative methods are compared on (default 1,000). */
  comparisonSampleSize?: number;
  thresholds?: Partial<GroupThresholds>;
  tags?: TagOptions;
}

export interface SegmentedCustomer {
  features: CustomerFeatures;
  rfm: RfmScore;
  cluster: number;
  tier: ValueTier;
  lifecycle: Lifecycle;
  group: CustomerGroup;
  tags: string[];
}

export interface ClusterSummary {
  cluster: number;
  customers: number;
  /** Mean of each clustered feature (raw units), keyed like `featureKeys`. */
  featureMeans: Record<string, number>;
  rules: ClusterRule[];
  /** Share of the cluster's held-out customers its rules recover. */
  ruleFidelity: number | null;
}

export interface ClusteringDetails {
  criterion: KCriterion;
  /** Keys of the CLUSTER_FEATURES clustered, in column order. */
  featureKeys: string[];
  elbowK: number;
  candidates: KCandidate[];
  /** Share of all held-out customers the rules assign to their own cluster, and how many were held out. */
  ruleFidelity: number;
  ruleHoldoutSize: number;
  clusters: ClusterSummary[];
  /** Hierarchical clustering and DBSCAN on a sample, against the k-means labels. */
  alternatives: ClusteringComparison;
}

export interface Segmentation {
  customers: SegmentedCustomer[];
  /** 1 when clustering was skipped (too few customers), 0 without customers. */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  clusteringSkipped: boolean;
  /** Null when clustering was skipped. */
  clustering: ClusteringDetails | null;
}

/** Value tier, lifecycle, group and tags for customers already scored (RFM) and clustered. */
function assignGroups(
  features: readonly CustomerFeatures[],
  rfm: readonly RfmScore[],
  clusterLabels: ArrayLike<number>,
  options: { thresholds?: Partial<GroupThresholds>; tags?: TagOptions },
): SegmentedCustomer[] {
  const tiers = valueTiers(features.map((f) => f.monetary), options.thresholds ?? {});
  return features.map((f, i): SegmentedCustomer => {
    const lifecycle = lifecycleStage(f, options.thresholds ?? {});
    const group = customerGroup({ tier: tiers[i], lifecycle });
    const tags = profileTags({ features: f, rfmSegment: rfm[i].segment, tier: tiers[i], lifecycle, group }, options.tags ?? {});
    return { features: f, rfm: rfm[i], cluster: clusterLabels[i], tier: tiers[i], lifecycle, group, tags };
  });
}

export function segmentCustomers(features: readonly CustomerFeatures[], options: SegmentationOptions = {}): Segmentation {
  const { seed = DEFAULT_SEGMENT_SEED, kMin = 2, kMax = 8, criterion = 'prediction_strength', fitSampleSize = 20_000, comparisonSampleSize = 1000, thresholds = {}, tags = {} } = options;
  if (features.length === 0) return { customers: [], k: 0, silhouette: null, clusteringSkipped: true, clustering: null };
  const rfm = rfmScores(features);
  if (features.length < MIN_CUSTOMERS) {
    return { customers: assignGroups(features, rfm, new Int32Array(features.length), { thresholds, tags }), k: 1, silhouette: null, clusteringSkipped: true, clustering: null };
  }
  // The CLUSTER_FEATURES the data carry, log-scaled, shrunk, z-scored.
  const { features: used, raw, scaled } = clusterFeatureRows(features);
  const standardized = applyScalerToPoints(fitZScorePoints(scaled), scaled);
  const clusters = clusterCustomers(standardized, { kMin, kMax: Math.min(kMax, Math.floor(features.length / 5)), seed, fitSampleSize, criterion });
  const explanation = explainClusters(raw, clusters.labels, used, { seed, trainSampleSize: fitSampleSize });
  const summaries: ClusterSummary[] = Array.from({ length: clusters.k }, (_, cluster) => ({
    cluster,
    customers: 0,
    featureMeans: Object.fromEntries(used.map((f) => [f.key, 0])),
    rules: explanation.rules.filter((r) => r.cluster === cluster),
    ruleFidelity: explanation.perCluster.find((p) => p.cluster === cluster)?.fidelity ?? null,
  }));
  for (let i = 0; i < raw.n; i++) {
    const s = summaries[clusters.labels[i]];
    s.customers++;
    used.forEach((f, j) => { s.featureMeans[f.key] += raw.data[i * raw.d + j]; });
  }
  for (const s of summaries) for (const key of Object.keys(s.featureMeans)) s.featureMeans[key] = s.customers > 0 ? s.featureMeans[key] / s.customers : 0;
  return {
    customers: assignGroups(features, rfm, clusters.labels, { thresholds, tags }),
    k: clusters.k,
    silhouette: clusters.silhouette,
    clusteringSkipped: false,
    clustering: {
      criterion: clusters.criterion,
      featureKeys: used.map((f) => f.key),
      elbowK: clusters.elbowK,
      candidates: clusters.candidates,
      ruleFidelity: explanation.fidelity,
      ruleHoldoutSize: explanation.holdoutSize,
      clusters: summaries,
      alternatives: compareClusterings(standardized, clusters.labels, clusters.k, { seed, sampleSize: comparisonSampleSize }),
    },
  };
}
