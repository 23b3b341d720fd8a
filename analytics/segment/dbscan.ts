/**
 * DBSCAN (Ester, Kriegel, Sander & Xu 1996, KDD-96): rows with at least `minPts` rows
 * (itself included) within distance `eps` are core rows; clusters are the rows density-
 * reachable from a core row; the rest are noise (label −1). Neighbour queries are brute force,
 * O(n²), which is fine for the comparison sample it runs on.
 *
 * Defaults follow Schubert et al. 2017 ("DBSCAN revisited, revisited", ACM TODS 42(3)):
 * minPts = 2 · dimensions, eps at the knee of the sorted distances to the (minPts − 1)-th
 * nearest other row.
 */
import { kneeIndex } from './knee';
import { type Points, squaredDistance } from './points';

export const NOISE = -1;

export interface DbscanOptions {
  eps?: number;
  minPts?: number;
}

export interface DbscanResult {
  labels: Int32Array;
  clusters: number;
  eps: number;
  minPts: number;
}

/** The knee of the sorted distances to each row's (minPts − 1)-th nearest other row. */
export function suggestEps(points: Points, minPts: number): number {
  const kth = Math.min(Math.max(minPts - 1, 1), points.n - 1);
  const kDistances = Array.from({ length: points.n }, (_, i) => {
    const d: number[] = [];
    for (let j = 0; j < points.n; j++) if (j !== i) d.push(squaredDistance(points, i, points, j));
    d.sort((x, y) => x - y);
    return Math.sqrt(d[kth - 1]);
  }).sort((x, y) => x - y);
  return kDistances[kneeIndex(kDistances.map((_, i) => i), kDistances)];
}

/**
 * Cluster labels 0…clusters−1 in order of discovery (by row), −1 for noise.
 * @throws RangeError for fewer than two rows or a non-positive eps / minPts.
 */
export function dbscan(points: Points, options: DbscanOptions = {}): DbscanResult {
  if (points.n < 2) throw new RangeError('dbscan: needs at least two rows');
  const minPts = options.minPts ?? 2 * points.d;
  const eps = options.eps ?? suggestEps(points, minPts);
  if (!(eps > 0 && minPts >= 1)) throw new RangeError(`dbscan: eps and minPts must be positive, got eps=${eps} minPts=${minPts}`);
  const eps2 = eps * eps;
  const neighbours = (i: number): number[] => {
    const found: number[] = [];
    for (let j = 0; j < points.n; j++) if (squaredDistance(points, i, points, j) <= eps2) found.push(j);
    return found;
  };
  const UNVISITED = -2;
  const labels = new Int32Array(points.n).fill(UNVISITED);
  let clusters = 0;
  for (let i = 0; i < points.n; i++) {
    if (labels[i] !== UNVISITED) continue;
    const seeds = neighbours(i);
    if (seeds.length < minPts) {
      labels[i] = NOISE;
      continue;
    }
    const cluster = clusters++;
    labels[i] = cluster;
    for (let s = 0; s < seeds.length; s++) {
      const j = seeds[s];
      if (labels[j] === NOISE) labels[j] = cluster; // border row
      if (labels[j] !== UNVISITED) continue;
      labels[j] = cluster;
      const reach = neighbours(j);
      if (reach.length >= minPts) seeds.push(...reach);
    }
  }
  return { labels, clusters, eps, minPts };
}
