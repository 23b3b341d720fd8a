/**
 * The whole segmentation of SPEC §4 on order rows, as one pure function shared by the
 * `segment` CLI command and the benchmark: features → RFM → k-means (k by prediction strength
 * or silhouette, fitted on a sample, every customer assigned) → rules explaining the clusters → alternatives on a
 * sample → value tier, lifecycle, group and tags per customer.
 */
import { type CustomerFeatures, type FeatureOptions, type OrderRow, customerFeatures } from '../profile/features';
import { type ZScoreScaler, applyScaler, fitZScore } from '../profile/standardize';
import { type ClusteringComparison, compareClusterings } from './alternatives';
import { type KCandidate, type KCriterion, clusterCustomers } from './chooseK';
import { clusterFeatureRows } from './clusterFeatures';
import { type ClusterExplanation, explainClusters } from './explain';
import { type CustomerGroup, type GroupThresholds, type Lifecycle, type ValueTier, customerGroup, lifecycleStage, valueTiers } from './groups';
import { rowOf, toPoints } from './points';
import { type RfmScore, rfmScores } from './rfm';
import { type TagOptions, profileTags } from './tags';

export interface SegmentationOptions extends Omit<FeatureOptions, 'asOf'> {
  asOf: Date;
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

export interface Segmentation {
  customers: SegmentedCustomer[];
  clustering: {
    k: number;
    criterion: KCriterion;
    elbowK: number;
    silhouette: number;
    candidates: KCandidate[];
    /** Keys of the CLUSTER_FEATURES clustered, in column order. */
    featureKeys: string[];
    /** Fitted on the log-scaled features; apply to new customers before assigning. */
    scaler: ZScoreScaler;
    /** Centroids in standardized space, one row per cluster. */
    centroids: number[][];
  };
  explanation: Omit<ClusterExplanation, 'tree'>;
  alternatives: ClusteringComparison;
}

/** Fewest customers the clustering and its held-out rule check are run on. */
export const MIN_CUSTOMERS = 30;

/** The CLUSTER_FEATURES the data carry, log-scaled, shrunk, z-scored, clustered by k-means with k chosen by the criterion. */
export function clusterFeatures(features: readonly CustomerFeatures[], options: { kMin: number; kMax: number; seed: number; fitSampleSize: number; criterion?: KCriterion }) {
  const { features: used, raw, scaled } = clusterFeatureRows(features);
  const scaler = fitZScore(scaled);
  const standardized = toPoints(applyScaler(scaler, scaled));
  const clusters = clusterCustomers(standardized, { ...options, kMax: Math.min(options.kMax, Math.floor(features.length / 5)) });
  return { used, raw, scaler, standardized, clusters };
}

/** Value tier, lifecycle, group and tags for customers already scored (RFM) and clustered. */
export function assignGroups(
  features: readonly CustomerFeatures[],
  rfm: readonly RfmScore[],
  clusterLabels: ArrayLike<number>,
  options: { thresholds?: Partial<GroupThresholds>; tags?: TagOptions } = {},
): SegmentedCustomer[] {
  const tiers = valueTiers(features.map((f) => f.monetary), options.thresholds ?? {});
  return features.map((f, i): SegmentedCustomer => {
    const lifecycle = lifecycleStage(f, options.thresholds ?? {});
    const group = customerGroup({ tier: tiers[i], lifecycle });
    const tags = profileTags({ features: f, rfmSegment: rfm[i].segment, tier: tiers[i], lifecycle, group }, options.tags ?? {});
    return { features: f, rfm: rfm[i], cluster: clusterLabels[i], tier: tiers[i], lifecycle, group, tags };
  });
}

/** @throws RangeError with fewer than MIN_CUSTOMERS customers on or before asOf. */
export function segmentCustomers(orders: readonly OrderRow[], options: SegmentationOptions): Segmentation {
  const { asOf, seed = 1, kMin = 2, kMax = 8, criterion, fitSampleSize = 20_000, comparisonSampleSize = 1000, thresholds = {}, tags = {} } = options;
  const features = customerFeatures(orders, options);
  if (features.length < MIN_CUSTOMERS) {
    throw new RangeError(`segmentCustomers: needs at least ${MIN_CUSTOMERS} customers with orders on or before ${asOf.toISOString().slice(0, 10)}, got ${features.length}`);
  }
  const rfm = rfmScores(features);
  const { used, raw, scaler, standardized, clusters } = clusterFeatures(features, { kMin, kMax, seed, fitSampleSize, criterion });
  const { tree: _tree, ...explanation } = explainClusters(toPoints(raw), clusters.labels, used, { seed, trainSampleSize: fitSampleSize });
  const alternatives = compareClusterings(standardized, clusters.labels, clusters.k, { seed, sampleSize: comparisonSampleSize });
  const customers = assignGroups(features, rfm, clusters.labels, { thresholds, tags });
  const { centroids } = clusters.model;
  return {
    customers,
    clustering: {
      k: clusters.k,
      criterion: clusters.criterion,
      featureKeys: used.map((f) => f.key),
      elbowK: clusters.elbowK,
      silhouette: clusters.silhouette,
      candidates: clusters.candidates,
      scaler,
      centroids: Array.from({ length: centroids.n }, (_, c) => rowOf(centroids, c)),
    },
    explanation,
    alternatives,
  };
}
