/**
 * Segmentation of customers whose features are already computed (the pipeline's profile
 * stage builds them in SQL): RFM, k-means with k by prediction strength, the rules that explain the
 * clusters, value tier, lifecycle, group and tags — segmentCustomers without the alternative
 * methods. With fewer than MIN_CUSTOMERS customers clustering is skipped on purpose (every
 * customer in cluster 0, k = 1, no silhouette, no rules); everything else still runs.
 */
import type { CustomerFeatures } from '../profile/features';
import type { KCandidate, KCriterion } from './chooseK';
import { type ClusterRule, explainClusters } from './explain';
import { toPoints } from './points';
import { rfmScores } from './rfm';
import { assignGroups, clusterFeatures, MIN_CUSTOMERS, type SegmentedCustomer } from './segmentCustomers';

export const DEFAULT_SEGMENT_SEED = 42;

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
  featureKeys: string[];
  elbowK: number;
  candidates: KCandidate[];
  /** Share of all held-out customers the rules assign to their own cluster. */
  ruleFidelity: number;
  clusters: ClusterSummary[];
}

export interface ProfileSegmentation {
  customers: SegmentedCustomer[];
  /** 1 when clustering was skipped (too few customers). */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  clusteringSkipped: boolean;
  /** Null when clustering was skipped. */
  clustering: ClusteringDetails | null;
}

export function segmentProfiles(features: readonly CustomerFeatures[], options: { seed?: number; kMin?: number; kMax?: number; fitSampleSize?: number } = {}): ProfileSegmentation {
  const { seed = DEFAULT_SEGMENT_SEED, kMin = 2, kMax = 8, fitSampleSize = 20_000 } = options;
  if (features.length === 0) return { customers: [], k: 0, silhouette: null, clusteringSkipped: true, clustering: null };
  const rfm = rfmScores(features);
  if (features.length < MIN_CUSTOMERS) {
    return { customers: assignGroups(features, rfm, new Int32Array(features.length)), k: 1, silhouette: null, clusteringSkipped: true, clustering: null };
  }
  const { used, raw, clusters } = clusterFeatures(features, { kMin, kMax, seed, fitSampleSize });
  const explanation = explainClusters(toPoints(raw), clusters.labels, used, { seed, trainSampleSize: fitSampleSize });
  const summaries: ClusterSummary[] = Array.from({ length: clusters.k }, (_, cluster) => ({
    cluster,
    customers: 0,
    featureMeans: Object.fromEntries(used.map((f) => [f.key, 0])),
    rules: explanation.rules.filter((r) => r.cluster === cluster),
    ruleFidelity: explanation.perCluster.find((p) => p.cluster === cluster)?.fidelity ?? null,
  }));
  raw.forEach((row, i) => {
    const s = summaries[clusters.labels[i]];
    s.customers++;
    used.forEach((f, j) => { s.featureMeans[f.key] += row[j]; });
  });
  for (const s of summaries) for (const key of Object.keys(s.featureMeans)) s.featureMeans[key] = s.customers > 0 ? s.featureMeans[key] / s.customers : 0;
  return {
    customers: assignGroups(features, rfm, clusters.labels),
    k: clusters.k,
    silhouette: clusters.silhouette,
    clusteringSkipped: false,
    clustering: { criterion: clusters.criterion, featureKeys: used.map((f) => f.key), elbowK: clusters.elbowK, candidates: clusters.candidates, ruleFidelity: explanation.fidelity, clusters: summaries },
  };
}
