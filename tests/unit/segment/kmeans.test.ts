import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { chooseK, clusterCustomers } from '../../../analytics/segment/chooseK';
import { kmeans } from '../../../analytics/segment/kmeans';
import { kneeIndex } from '../../../analytics/segment/knee';
import { toPoints } from '../../../analytics/segment/points';
import { silhouetteScore } from '../../../analytics/segment/silhouette';
import { plantedBlobs } from '../../../analytics/segment/simulate';

// Four planted clusters in 3-D, centres 6 sd apart at least.
const CENTRES = [[0, 0, 0], [6, 0, 0], [0, 6, 0], [3, 3, 6]];

describe('kmeans', () => {
  const { rows, labels } = plantedBlobs(CENTRES, 150, 1, 42);
  const points = toPoints(rows);

  it('recovers planted clusters (ARI ≥ 0.9)', () => {
    const model = kmeans(points, 4, { seed: 7 });
    expect(model.converged).toBe(true);
    expect(adjustedRandIndex(labels, model.labels)).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic under a seed and numbers clusters by size', () => {
    const a = kmeans(points, 5, { seed: 3 });
    const b = kmeans(points, 5, { seed: 3 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    const sizes = [0, 1, 2, 3, 4].map((c) => a.labels.filter((l) => l === c).length);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
  });

  it('rejects an impossible k', () => {
    expect(() => kmeans(toPoints([[1], [2]]), 3)).toThrow(/k must be/);
  });
});

describe('silhouetteScore', () => {
  it('matches a hand computation', () => {
    // Rows 0, 1 | 10, 11: a = 1 for all; b = 10.5, 9.5, 9.5, 10.5 → s = 9.5/10.5, 8.5/9.5, 8.5/9.5, 9.5/10.5.
    const expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
    expect(silhouetteScore(toPoints([[0], [1], [10], [11]]), [0, 0, 1, 1])).toBeCloseTo(expected, 12);
  });
});

describe('kneeIndex', () => {
  it('finds the elbow of a decreasing curve', () => {
    expect(kneeIndex([1, 2, 3, 4, 5], [100, 40, 20, 15, 12])).toBe(1);
  });
});

describe('chooseK', () => {
  it('finds the planted k by silhouette and reports the elbow', () => {
    const { rows } = plantedBlobs(CENTRES, 100, 1, 5);
    const choice = chooseK(toPoints(rows), { kMin: 2, kMax: 7, seed: 11, criterion: 'silhouette' });
    expect(choice.k).toBe(4);
    expect(choice.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(choice.elbowK).toBeGreaterThanOrEqual(3);
    expect(choice.elbowK).toBeLessThanOrEqual(5);
  });

  it('clusters a sample and assigns everyone (sample-then-assign)', () => {
    const { rows, labels } = plantedBlobs(CENTRES, 1500, 1, 9);
    const result = clusterCustomers(toPoints(rows), { seed: 2, fitSampleSize: 800, silhouetteSampleSize: 400, kMax: 6 });
    expect(result.fitRows).toHaveLength(800);
    expect(result.labels).toHaveLength(6000);
    expect(result.k).toBe(4);
    expect(adjustedRandIndex(labels, result.labels)).toBeGreaterThanOrEqual(0.9);
  });
});
