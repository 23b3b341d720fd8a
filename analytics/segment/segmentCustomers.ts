/**
 * The segmentation of SPEC §4 on customers whose features are computed
 * (analytics/profile/features.ts): RFM → k-means (k by prediction strength or silhouette, fitted
 * on a sample, every customer assigned) → rules explaining the clusters → the alternative methods
 * on a sample → value tier, lifecycle, group and tags per customer. The one entry point: the
 * segment stage calls it, and the `segment` command and the benchmark go through that stage or
 * call it the same way. With fewer than MIN_CUSTOMERS customers clustering is skipped on purpose
 * (every customer in cluster 0, k = 1, no silhouette, no rules); everything else still runs.
 */
import type { SegmentationFeatures } from '../profile/features';
import { applyScalerToPoints, fitZScorePoints } from '../profile/standardize';
import { type ClusteringComparison, compareClusterings } from './alternatives';
import { type CandidateFitter, type KCandidate, type KCriterion, clusterCustomers } from './chooseK';
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
  /** How the candidate k are fitted (chooseK.ts; default each in turn on this thread): the same fits wherever they run. */
  fitCandidates?: CandidateFitter;
}

export interface SegmentedCustomer {
  features: SegmentationFeatures;
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
  /** Every input customer, segmented, in input order. */
  customers: SegmentedCustomers;
  /** 1 when clustering was skipped (too few customers), 0 without customers. */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  clusteringSkipped: boolean;
  /** Null when clustering was skipped. */
  clustering: ClusteringDetails | null;
}

/**
 * The segmented customers, each built when it is read (value tier, lifecycle, group and tags
 * from its features, RFM score and cluster): a step writes them one at a time, and at 400,000
 * customers holding them all took about 130 MB of heap beside the features, more than the
 * step's thread could spare.
 */
export class SegmentedCustomers implements Iterable<SegmentedCustomer> {
  private readonly tiers: ValueTier[];

  constructor(
    private readonly features: readonly SegmentationFeatures[],
    private readonly rfm: readonly RfmScore[],
    private readonly labels: ArrayLike<number>,
    private readonly options: { thresholds: Partial<GroupThresholds>; tags: TagOptions },
  ) {
    this.tiers = valueTiers(features.map((f) => f.monetary), options.thresholds);
  }

  get length(): number {
    return this.features.length;
  }

  /** Cluster of customer i, without building the customer. */
  cluster(i: number): number {
    return this.labels[i];
  }

  /** Customer i of the input, segmented. */
  at(i: number): SegmentedCustomer {
    const f = this.features[i];
    const tier = this.tiers[i];
    const lifecycle = lifecycleStage(f, this.options.thresholds);
    const group = customerGroup({ tier, lifecycle });
    const tags = profileTags({ features: f, rfmSegment: this.rfm[i].segment, tier, lifecycle, group }, this.options.tags);
    return { features: f, rfm: this.rfm[i], cluster: this.labels[i], tier, lifecycle, group, tags };
  }

  *[Symbol.iterator](): Iterator<SegmentedCustomer> {
    for (let i = 0; i < this.features.length; i++) yield this.at(i);
  }
}

export function segmentCustomers(features: readonly SegmentationFeatures[], options: SegmentationOptions = {}): Segmentation {
  const { seed = DEFAULT_SEGMENT_SEED, kMin = 2, kMax = 8, criterion = 'prediction_strength', fitSampleSize = 20_000, comparisonSampleSize = 1000, thresholds = {}, tags = {}, fitCandidates } = options;
  if (features.length === 0) return { customers: new SegmentedCustomers([], [], [], { thresholds, tags }), k: 0, silhouette: null, clusteringSkipped: true, clustering: null };
  const rfm = rfmScores(features);
  if (features.length < MIN_CUSTOMERS) {
    return { customers: new SegmentedCustomers(features, rfm, new Int32Array(features.length), { thresholds, tags }), k: 1, silhouette: null, clusteringSkipped: true, clustering: null };
  }
  // The CLUSTER_FEATURES the data carry, log-scaled, shrunk, z-scored.
  const { features: used, raw, scaled } = clusterFeatureRows(features);
  const standardized = applyScalerToPoints(fitZScorePoints(scaled), scaled);
  const clusters = clusterCustomers(standardized, { kMin, kMax: Math.min(kMax, Math.floor(features.length / 5)), seed, fitSampleSize, criterion }, fitCandidates);
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
    customers: new SegmentedCustomers(features, rfm, clusters.labels, { thresholds, tags }),
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
