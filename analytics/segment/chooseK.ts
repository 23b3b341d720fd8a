/**
 * Automatic choice of k for k-means (SPEC §4): fit k = kMin…kMax and keep the k with the
 * highest mean silhouette (ties → the smaller k); the elbow of inertia over k (kneeIndex) is
 * reported beside it as a second opinion. For large populations the models are fitted on a
 * seeded sample and every customer is then assigned to the nearest centroid
 * ("cluster on a sample, then assign", as in CLARA, Kaufman & Rousseeuw 1990 ch. 3).
 */
import { kneeIndex } from './knee';
import { type KmeansModel, kmeans, nearestCentroid } from './kmeans';
import { type Points, subsetPoints } from './points';
import { sampleIndices } from '../random';
import { silhouetteScore } from './silhouette';

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Rows the k-means models are fitted on (default 20,000). */
  fitSampleSize?: number;
  /** Rows the silhouette is computed on (default 2,000). */
  silhouetteSampleSize?: number;
  restarts?: number;
}

export interface KCandidate {
  k: number;
  silhouette: number;
  inertia: number;
}

export interface KChoice {
  /** The k with the highest silhouette. */
  k: number;
  /** The k at the elbow of inertia (second opinion). */
  elbowK: number;
  silhouette: number;
  candidates: KCandidate[];
  /** The chosen model, fitted on `fitRows` (row indices into the input). */
  model: KmeansModel;
  fitRows: Int32Array;
}

export interface CustomerClusters extends KChoice {
  /** Cluster of every input row (nearest centroid of the chosen model). */
  labels: Int32Array;
}

const DEFAULTS: Required<ChooseKOptions> = {
  kMin: 2, kMax: 8, seed: 1, fitSampleSize: 20_000, silhouetteSampleSize: 2000, restarts: 4,
};

/**
 * Fits every k in [kMin, kMax] on a sample and picks k by silhouette.
 * @throws RangeError unless 2 ≤ kMin ≤ kMax < number of sampled rows.
 */
export function chooseK(points: Points, options: ChooseKOptions = {}): KChoice {
  const o = { ...DEFAULTS, ...options };
  const fitRows = sampleIndices(points.n, o.fitSampleSize, o.seed);
  if (!(Number.isInteger(o.kMin) && Number.isInteger(o.kMax) && o.kMin >= 2 && o.kMin <= o.kMax && o.kMax < fitRows.length)) {
    throw new RangeError(`chooseK: need integers 2 ≤ kMin ≤ kMax < ${fitRows.length} rows, got kMin=${o.kMin} kMax=${o.kMax}`);
  }
  const sample = subsetPoints(points, fitRows);
  const models: KmeansModel[] = [];
  const candidates: KCandidate[] = [];
  for (let k = o.kMin; k <= o.kMax; k++) {
    const model = kmeans(sample, k, { seed: o.seed + k, restarts: o.restarts });
    const distinct = new Set(model.labels).size;
    const silhouette = distinct < 2 ? -1 : silhouetteScore(sample, model.labels, { sampleSize: o.silhouetteSampleSize, seed: o.seed });
    models.push(model);
    candidates.push({ k, silhouette, inertia: model.inertia });
  }
  const best = candidates.reduce((b, c, i) => (c.silhouette > candidates[b].silhouette ? i : b), 0);
  const elbow = kneeIndex(candidates.map((c) => c.k), candidates.map((c) => c.inertia));
  return {
    k: candidates[best].k,
    elbowK: candidates[elbow].k,
    silhouette: candidates[best].silhouette,
    candidates,
    model: models[best],
    fitRows,
  };
}

/** chooseK on a sample, then every row assigned to its nearest centroid. */
export function clusterCustomers(points: Points, options: ChooseKOptions = {}): CustomerClusters {
  const choice = chooseK(points, options);
  return { ...choice, labels: nearestCentroid(points, choice.model.centroids).labels };
}
