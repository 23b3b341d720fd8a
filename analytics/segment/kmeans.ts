/**
 * k-means (Lloyd 1982) with greedy k-means++ seeding (Arthur & Vassilvitskii 2007; greedy
 * variant with 2 + ⌊ln k⌋ candidates per centre as in scikit-learn), on standardized features.
 * Deterministic under `seed`: every random draw comes from one seeded stream.
 *
 * Written here rather than taken from ml-kmeans@7 (the same algorithm: it also seeds with
 * k-means++): on 20,000 simulated customers, best of four starts, this takes 0.12–0.27 s CPU to
 * its 0.27–0.63 s for the same or a lower inertia, and it clusters the columnar Points without
 * copying them into arrays of rows (README, "Hand-written where a library exists").
 *
 * Clusters are numbered by size, largest first (ties: the one holding the lowest row index
 * first), so labels are stable across runs with the same seed and readable in reports.
 */
import { type Points, squaredDistance } from './points';
import { type Uniform, mulberry32, randomInt } from '../random';

export interface KmeansOptions {
  seed?: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  restarts?: number;
  maxIterations?: number;
}

export interface KmeansModel {
  k: number;
  /** Centroids as Points (k rows). */
  centroids: Points;
  labels: Int32Array;
  /** Within-cluster sum of squared distances. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

const DEFAULTS: Required<KmeansOptions> = { seed: 1, restarts: 4, maxIterations: 300 };

/** Index of the centroid nearest to each row, and the squared distance to it. */
export function nearestCentroid(points: Points, centroids: Points): { labels: Int32Array; distances: Float64Array } {
  const { n, d, data } = points;
  const centres = centroids.data;
  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < centroids.n; c++) {
      const centre = c * d;
      let dist = 0;
      for (let j = 0; j < d && dist < bestDistance; j++) {
        const diff = data[row + j] - centres[centre + j];
        dist += diff * diff;
      }
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    }
    labels[i] = best;
    distances[i] = bestDistance;
  }
  return { labels, distances };
}

/** Draws an index with probability proportional to `weights` (whose sum is `total`). */
function drawWeighted(uniform: Uniform, weights: Float64Array, total: number): number {
  let target = uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i];
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** Greedy k-means++ initial centres. */
function kmeansPlusPlus(points: Points, k: number, uniform: Uniform): Points {
  const { n, d } = points;
  const centres: Points = { n: k, d, data: new Float64Array(k * d) };
  const copyCentre = (c: number, i: number) => centres.data.set(points.data.subarray(i * d, (i + 1) * d), c * d);
  copyCentre(0, randomInt(uniform, n));
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(points, i, centres, 0);
  const trials = 2 + Math.floor(Math.log(k));
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    const potential = closest.reduce((s, v) => s + v, 0);
    let bestPotential = Infinity;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const index = potential > 0 ? drawWeighted(uniform, closest, potential) : randomInt(uniform, n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(closest[i], squaredDistance(points, i, points, index));
        sum += candidate[i];
      }
      if (sum < bestPotential) {
        bestPotential = sum;
        bestIndex = index;
        best.set(candidate);
      }
    }
    copyCentre(c, bestIndex);
    closest.set(best);
  }
  return centres;
}

/** Moves each centroid to the mean of its rows; an emptied cluster takes the row farthest from its centroid. */
function updateCentroids(points: Points, labels: Int32Array, distances: Float64Array, centroids: Points): void {
  const { n, d } = points;
  const sums = new Float64Array(centroids.n * d);
  const sizes = new Int32Array(centroids.n);
  for (let i = 0; i < n; i++) {
    sizes[labels[i]] += 1;
    for (let j = 0; j < d; j++) sums[labels[i] * d + j] += points.data[i * d + j];
  }
  for (let c = 0; c < centroids.n; c++) {
    if (sizes[c] > 0) {
      for (let j = 0; j < d; j++) centroids.data[c * d + j] = sums[c * d + j] / sizes[c];
      continue;
    }
    let farthest = 0;
    for (let i = 1; i < n; i++) if (distances[i] > distances[farthest]) farthest = i;
    centroids.data.set(points.data.subarray(farthest * d, (farthest + 1) * d), c * d);
    distances[farthest] = 0;
  }
}

function lloyd(points: Points, k: number, maxIterations: number, uniform: Uniform): KmeansModel {
  const centroids = kmeansPlusPlus(points, k, uniform);
  let { labels, distances } = nearestCentroid(points, centroids);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations += 1;
    updateCentroids(points, labels, distances, centroids);
    const next = nearestCentroid(points, centroids);
    converged = next.labels.every((label, i) => label === labels[i]);
    ({ labels, distances } = next);
    if (converged) break;
  }
  return { k, centroids, labels, inertia: distances.reduce((s, v) => s + v, 0), iterations, converged };
}

/** Renumbers clusters by size (largest first; ties by lowest member row). */
function orderBySize(model: KmeansModel): KmeansModel {
  const { k, centroids, labels } = model;
  const sizes = new Int32Array(k);
  const firstRow = new Int32Array(k).fill(labels.length);
  labels.forEach((label, i) => {
    sizes[label] += 1;
    if (i < firstRow[label]) firstRow[label] = i;
  });
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => sizes[b] - sizes[a] || firstRow[a] - firstRow[b]);
  const rank = new Int32Array(k);
  order.forEach((c, r) => (rank[c] = r));
  const data = new Float64Array(centroids.data.length);
  order.forEach((c, r) => data.set(centroids.data.subarray(c * centroids.d, (c + 1) * centroids.d), r * centroids.d));
  return { ...model, centroids: { ...centroids, data }, labels: labels.map((label) => rank[label]) };
}

/**
 * k-means clustering of `points` into k clusters (best of `restarts` seeded starts).
 * @throws RangeError unless 1 ≤ k ≤ number of rows.
 */
export function kmeans(points: Points, k: number, options: KmeansOptions = {}): KmeansModel {
  const { seed, restarts, maxIterations } = { ...DEFAULTS, ...options };
  if (!(Number.isInteger(k) && k >= 1 && k <= points.n)) throw new RangeError(`kmeans: k must be an integer in [1, ${points.n}], got ${k}`);
  const uniform = mulberry32(seed);
  let best: KmeansModel | undefined;
  for (let r = 0; r < restarts; r++) {
    const model = lloyd(points, k, maxIterations, uniform);
    if (!best || model.inertia < best.inertia) best = model;
  }
  return orderBySize(best!);
}
