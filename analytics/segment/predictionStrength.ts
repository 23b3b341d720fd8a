/**
 * Prediction strength of a k-means clustering (Tibshirani & Walther 2005, "Cluster validation
 * by prediction strength", J. Comput. Graph. Stat. 14(3)): split the rows into two halves and
 * cluster each. For every cluster of the test half, take the share of its pairs of rows that
 * the training half's centroids also put in one cluster; the prediction strength is the
 * smallest such share. As in the authors' 2-fold cross-validation each half serves once as
 * training and once as test, and the result is averaged over `repeats` random splits. Clusters that are really there
 * come back in an independent half and score near 1; a k that splits one group arbitrarily
 * scores low. The authors choose the largest k whose strength reaches 0.8–0.9.
 *
 * Unlike the mean silhouette, it does not favour k = 2 when one group stands far from all the
 * others (store regulars against everyone else): it asks whether each of k clusters is
 * reproducible, not how far apart the two most distant groups are.
 */
import { kmeans, nearestCentroid } from './kmeans';
import { type Points, subsetPoints } from './points';
import { holdoutSplit } from '../random';

export interface PredictionStrengthOptions {
  seed?: number;
  /** Random half splits averaged (default 1). */
  repeats?: number;
  /**
   * k-means++ starts per half (default 4). Fewer lets a half land in a local optimum that merges
   * two real groups, which reads as a falsely low strength.
   */
  restarts?: number;
}

/**
 * Share of the pairs of rows inside each `testLabels` cluster that `predicted` also puts
 * together; the smallest over clusters of at least two rows (1 when there is none).
 * @example pairAgreement([0, 0, 1, 1], [0, 0, 0, 1], 2) // → 0: the pair of test cluster 1 is split
 */
export function pairAgreement(testLabels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number {
  const counts = new Float64Array(k * k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < testLabels.length; i++) {
    counts[testLabels[i] * k + predicted[i]] += 1;
    sizes[testLabels[i]] += 1;
  }
  let worst = 1;
  for (let c = 0; c < k; c++) {
    const n = sizes[c];
    if (n < 2) continue;
    let together = 0;
    for (let p = 0; p < k; p++) together += counts[c * k + p] * (counts[c * k + p] - 1);
    worst = Math.min(worst, together / (n * (n - 1)));
  }
  return worst;
}

/**
 * @throws RangeError unless 2 ≤ k and each half holds more than k rows.
 * @example predictionStrength(points, 3, { seed: 1 }) // ≈ 1 for three well-separated blobs
 */
export function predictionStrength(points: Points, k: number, options: PredictionStrengthOptions = {}): number {
  const { seed = 1, repeats = 1, restarts = 4 } = options;
  if (!(Number.isInteger(k) && k >= 2 && Math.floor(points.n / 2) > k)) {
    throw new RangeError(`predictionStrength: need an integer k ≥ 2 and more than k rows in each half, got k=${k} for ${points.n} rows`);
  }
  let sum = 0;
  for (let r = 0; r < repeats; r++) {
    const { train, holdout } = holdoutSplit(points.n, 0.5, seed + 7919 * r);
    const halves = [train, holdout].map((rows) => subsetPoints(points, rows));
    const [a, b] = halves.map((half, h) => ({ half, model: kmeans(half, k, { seed: seed + 2 * r + h, restarts }) }));
    sum += pairAgreement(b.model.labels, nearestCentroid(b.half, a.model.centroids).labels, k);
    sum += pairAgreement(a.model.labels, nearestCentroid(a.half, b.model.centroids).labels, k);
  }
  return sum / (2 * repeats);
}
