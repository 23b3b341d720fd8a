import { adjustedRandIndex } from '../../../analytics/segment/ari';
import { chooseK, clusterCustomers } from '../../../analytics/segment/chooseK';
import { pairAgreement, predictionStrength } from '../../../analytics/segment/predictionStrength';
import { toPoints } from '../../../analytics/segment/points';
import { plantedBlobs } from '../../../analytics/segment/simulate';

describe('pairAgreement', () => {
  it('is the smallest share of a test cluster\'s pairs the prediction keeps together', () => {
    // Test cluster 0 = rows 0–2, predicted 0, 0, 1: 1 pair of 3 kept together (2 of 6 ordered pairs).
    // Test cluster 1 = rows 3–4, both predicted 1: 1. The smallest: 1/3.
    expect(pairAgreement([0, 0, 0, 1, 1], [0, 0, 1, 1, 1], 2)).toBeCloseTo(1 / 3, 12);
    expect(pairAgreement([0, 0, 1, 1], [1, 1, 0, 0], 2)).toBe(1); // the same partition under other names
    expect(pairAgreement([0, 1], [0, 0], 2)).toBe(1); // no cluster has a pair
  });
});

// Four groups 4 sd apart, and a fifth far from all of them (as store regulars stand apart from
// the online customers): the silhouette prefers the one big split, prediction strength the five.
const CENTRES = [[0, 0, 0], [4, 0, 0], [0, 4, 0], [4, 4, 0], [30, 30, 30]];

describe('predictionStrength', () => {
  const { rows } = plantedBlobs(CENTRES, 200, 1, 5);
  const points = toPoints(rows);

  it('is near 1 up to the planted k and falls once a real group has to be split', () => {
    expect(predictionStrength(points, 5, { seed: 3 })).toBeGreaterThanOrEqual(0.9);
    expect(predictionStrength(points, 7, { seed: 3 })).toBeLessThan(0.8);
  });

  it('rejects a k the halves cannot hold', () => {
    expect(() => predictionStrength(toPoints([[1], [2], [3], [4]]), 2)).toThrow(/more than k rows/);
  });
});

describe('chooseK by prediction strength', () => {
  const { rows, labels } = plantedBlobs(CENTRES, 200, 1, 5);
  const points = toPoints(rows);

  it('finds the planted five where the silhouette stops at the one far group', () => {
    const byStrength = chooseK(points, { kMin: 2, kMax: 8, seed: 11 });
    const bySilhouette = chooseK(points, { kMin: 2, kMax: 8, seed: 11, criterion: 'silhouette' });
    expect(bySilhouette.k).toBe(2);
    expect(byStrength).toMatchObject({ k: 5, criterion: 'prediction_strength' });
    // Every candidate carries both opinions.
    expect(byStrength.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(byStrength.candidates.every((c) => c.predictionStrength > 0 && c.predictionStrength <= 1 && c.silhouette > 0)).toBe(true);
    expect(adjustedRandIndex(labels, clusterCustomers(points, { kMin: 2, kMax: 8, seed: 11 }).labels)).toBeGreaterThanOrEqual(0.9);
  });

  it('falls back to the strongest k when none reaches the threshold', () => {
    const choice = chooseK(points, { kMin: 6, kMax: 8, seed: 11 });
    const strongest = choice.candidates.reduce((b, c) => (c.predictionStrength > b.predictionStrength ? c : b));
    expect(choice.candidates.every((c) => c.predictionStrength < 0.8)).toBe(true);
    expect(choice.k).toBe(strongest.k);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => chooseK(points, { strengthThreshold: 0 })).toThrow(/strengthThreshold/);
  });
});
