/**
 * Segmentation of customers whose features are already computed (the pipeline's profile
 * stage builds them in SQL): RFM, k-means with k by silhouette, value tier, lifecycle,
 * group and tags — the steps of segmentCustomers without the cluster rules and the
 * alternative methods. With fewer than MIN_CUSTOMERS customers clustering is skipped on
 * purpose (every customer in cluster 0, k = 1, no silhouette); everything else still runs.
 */
import type { CustomerFeatures } from '../profile/features';
import { rfmScores } from './rfm';
import { assignGroups, clusterFeatures, MIN_CUSTOMERS, type SegmentedCustomer } from './segmentCustomers';

export const DEFAULT_SEGMENT_SEED = 42;

export interface ProfileSegmentation {
  customers: SegmentedCustomer[];
  /** 1 when clustering was skipped (too few customers). */
  k: number;
  /** Mean silhouette of the chosen k; null when clustering was skipped. */
  silhouette: number | null;
  clusteringSkipped: boolean;
}

export function segmentProfiles(features: readonly CustomerFeatures[], options: { seed?: number; kMin?: number; kMax?: number; fitSampleSize?: number } = {}): ProfileSegmentation {
  const { seed = DEFAULT_SEGMENT_SEED, kMin = 2, kMax = 8, fitSampleSize = 20_000 } = options;
  if (features.length === 0) return { customers: [], k: 0, silhouette: null, clusteringSkipped: true };
  const rfm = rfmScores(features);
  if (features.length < MIN_CUSTOMERS) {
    return { customers: assignGroups(features, rfm, new Int32Array(features.length)), k: 1, silhouette: null, clusteringSkipped: true };
  }
  const { clusters } = clusterFeatures(features, { kMin, kMax, seed, fitSampleSize });
  return { customers: assignGroups(features, rfm, clusters.labels), k: clusters.k, silhouette: clusters.silhouette, clusteringSkipped: false };
}
