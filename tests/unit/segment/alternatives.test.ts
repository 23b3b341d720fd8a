import { compareClusterings } from '../../../analytics/segment/alternatives';
import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { NOISE, dbscan } from '../../../analytics/segment/dbscan';
import { hierarchicalClusters } from '../../../analytics/segment/hierarchical';
import { toPoints } from '../../../analytics/segment/points';
import { plantedBlobs } from '../../../analytics/segment/simulate';

const line = (xs: number[]) => toPoints(xs.map((x) => [x]));
const CENTRES = [[0, 0], [8, 0], [0, 8]];

describe('hierarchicalClusters', () => {
  it('cuts a small dendrogram where the gaps are', () => {
    const points = line([0, 1, 2, 10, 11, 20]);
    for (const linkage of ['single', 'complete', 'average', 'ward'] as const) {
      expect([linkage, ...hierarchicalClusters(points, 3, linkage)]).toEqual([linkage, 0, 0, 0, 1, 1, 2]);
    }
  });

  it('recovers planted clusters with Ward linkage', () => {
    const { rows, labels } = plantedBlobs(CENTRES, 80, 1, 3);
    expect(adjustedRandIndex(labels, hierarchicalClusters(toPoints(rows), 3))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('dbscan', () => {
  it('finds dense runs and leaves isolated rows as noise', () => {
    const result = dbscan(line([0, 0.5, 1, 1.5, 10, 10.5, 11, 30]), { eps: 0.6, minPts: 2 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, NOISE]);
    expect(result.clusters).toBe(2);
  });

  it('chooses eps from the k-distance knee when not given', () => {
    const { rows, labels } = plantedBlobs(CENTRES, 80, 0.7, 4);
    const result = dbscan(toPoints(rows));
    expect(result.minPts).toBe(4);
    expect(result.eps).toBeGreaterThan(0);
    expect(adjustedRandIndex(labels, result.labels)).toBeGreaterThanOrEqual(0.8);
  });
});

describe('compareClusterings', () => {
  it('reports agreement of the alternatives with the k-means labels on a sample', () => {
    const { rows, labels } = plantedBlobs(CENTRES, 200, 1, 8);
    const result = compareClusterings(toPoints(rows), labels, 3, { sampleSize: 300, seed: 1 });
    expect(result.sampleSize).toBe(300);
    expect(result.hierarchical.ariVsKmeans).toBeGreaterThanOrEqual(0.9);
    expect(result.dbscan.noiseShare).toBeLessThan(0.2);
  });
});
