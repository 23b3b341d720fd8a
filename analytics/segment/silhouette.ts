/**
 * Mean silhouette width (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation
 * and validation of cluster analysis", J. Comput. Appl. Math. 20): for each row i,
 *   s(i) = (b(i) − a(i)) / max(a(i), b(i)),
 * a(i) = mean Euclidean distance to the other rows of its cluster, b(i) = the smallest mean
 * distance to the rows of another cluster; s(i) = 0 for a row alone in its cluster.
 * The cost is quadratic, so for large n it is computed on a seeded sample of rows (as
 * scikit-learn's `silhouette_score(sample_size=…)`): distances among the sampled rows only.
 */
import { type Points, squaredDistance, subsetPoints } from './points';
import { sampleIndices } from '../random';

export interface SilhouetteOptions {
  /** Rows used (default 2,000); every row when n is smaller. */
  sampleSize?: number;
  seed?: number;
}

/**
 * @throws RangeError when the (sampled) rows hold fewer than two clusters.
 * @example silhouetteScore(toPoints([[0], [1], [10], [11]]), [0, 0, 1, 1]) // → 0.9 (each a = 1, b = 10)
 */
export function silhouetteScore(points: Points, labels: ArrayLike<number>, options: SilhouetteOptions = {}): number {
  const { sampleSize = 2000, seed = 1 } = options;
  const sample = sampleIndices(points.n, sampleSize, seed);
  const sub = subsetPoints(points, sample);
  const sampleLabels = Array.from(sample, (i) => labels[i]);
  const clusters = [...new Set(sampleLabels)].sort((a, b) => a - b);
  if (clusters.length < 2) throw new RangeError('silhouetteScore: needs at least two clusters among the rows');
  const slot = new Map(clusters.map((c, s) => [c, s]));
  const slots = sampleLabels.map((c) => slot.get(c)!);
  const sizes = new Int32Array(clusters.length);
  for (const s of slots) sizes[s] += 1;

  const sums = new Float64Array(clusters.length);
  let total = 0;
  for (let i = 0; i < sub.n; i++) {
    sums.fill(0);
    for (let j = 0; j < sub.n; j++) if (j !== i) sums[slots[j]] += Math.sqrt(squaredDistance(sub, i, sub, j));
    const own = slots[i];
    if (sizes[own] === 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let s = 0; s < clusters.length; s++) if (s !== own && sizes[s] > 0) b = Math.min(b, sums[s] / sizes[s]);
    total += (b - a) / Math.max(a, b);
  }
  return total / sub.n;
}
