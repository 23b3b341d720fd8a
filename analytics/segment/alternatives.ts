/**
 * Alternatives to k-means on a sample (SPEC §4): hierarchical clustering cut at the same k
 * and DBSCAN, each compared with the k-means labels of the same rows by adjusted Rand index.
 * High agreement says the k-means segments are not an artefact of the method; DBSCAN also
 * shows how much of the population sits outside any dense group (noise, counted as one more
 * label in the ARI).
 */
import { adjustedRandIndex } from './ari';
import { type DbscanOptions, NOISE, dbscan } from './dbscan';
import { type Linkage, hierarchicalClusters } from './hierarchical';
import { type Points, subsetPoints } from './points';
import { sampleIndices } from '../random';

export interface ComparisonOptions extends DbscanOptions {
  /** Rows compared (default 1,000). */
  sampleSize?: number;
  seed?: number;
  linkage?: Linkage;
}

export interface ClusteringComparison {
  sampleSize: number;
  hierarchical: { linkage: Linkage; k: number; ariVsKmeans: number };
  dbscan: { clusters: number; noiseShare: number; eps: number; minPts: number; ariVsKmeans: number };
  ariHierarchicalVsDbscan: number;
}

/** Runs both alternatives on a seeded sample and reports their agreement with k-means. */
export function compareClusterings(
  points: Points,
  kmeansLabels: ArrayLike<number>,
  k: number,
  options: ComparisonOptions = {},
): ClusteringComparison {
  const { sampleSize = 1000, seed = 1, linkage = 'ward', eps, minPts } = options;
  const rows = sampleIndices(points.n, sampleSize, seed);
  const sample = subsetPoints(points, rows);
  const kmeansSample = Array.from(rows, (i) => kmeansLabels[i]);
  const hierarchical = hierarchicalClusters(sample, Math.min(k, sample.n), linkage);
  const density = dbscan(sample, { eps, minPts });
  const noise = density.labels.reduce((s, label) => s + (label === NOISE ? 1 : 0), 0);
  return {
    sampleSize: sample.n,
    hierarchical: { linkage, k, ariVsKmeans: adjustedRandIndex(kmeansSample, hierarchical) },
    dbscan: {
      clusters: density.clusters,
      noiseShare: noise / sample.n,
      eps: density.eps,
      minPts: density.minPts,
      ariVsKmeans: adjustedRandIndex(kmeansSample, density.labels),
    },
    ariHierarchicalVsDbscan: adjustedRandIndex(hierarchical, density.labels),
  };
}
