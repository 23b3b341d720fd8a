import { fitDecisionTree, predictTree, roundestBetween } from '../../../analytics/segment/decisionTree';
import { type FeatureDescriptor, classifyByRules, clusterRules, explainClusters } from '../../../analytics/segment/explain';
import { toPoints } from '../../../analytics/segment/points';
import { holdoutSplit } from '../../../analytics/random';
import { plantedBlobs } from '../../../analytics/segment/simulate';

const FEATURES: FeatureDescriptor[] = [
  { key: 'recency', name: { en: 'recency', zh: '最近购买距今' }, unit: { en: 'days', zh: '天' } },
  { key: 'frequency', name: { en: 'frequency', zh: '购买次数' }, unit: { en: 'orders', zh: '次' } },
];

describe('roundestBetween', () => {
  it('picks the roundest threshold in [lo, hi)', () => {
    expect(roundestBetween(23, 27)).toBe(25);
    expect(roundestBetween(29, 31)).toBe(30);
    expect(roundestBetween(4, 5)).toBe(4);
    expect(roundestBetween(20, 100)).toBe(50);
    expect(roundestBetween(0.123, 0.2)).toBe(0.15);
    expect(roundestBetween(-7, -3)).toBe(-5);
  });
});

describe('decision tree rules', () => {
  it('explains a hand-made split in words', () => {
    // Recent customers (≤ 20 days) are cluster 0, lapsed ones (≥ 100 days) cluster 1; the roundest
    // threshold in [20, 100) is 50. Frequency separates them too, but recency is the first feature.
    const rows = [[5, 9], [10, 8], [20, 7], [100, 1], [200, 1], [300, 2]];
    const tree = fitDecisionTree(toPoints(rows), [0, 0, 0, 1, 1, 1], { minLeafSize: 1 });
    const rules = clusterRules(tree, FEATURES);
    expect(rules.map((r) => [r.cluster, r.text.en, r.support])).toEqual([
      [0, 'recency ≤ 50 days', 3],
      [1, 'recency > 50 days', 3],
    ]);
    expect(rules[1].text.zh).toBe('最近购买距今 > 50 天');
  });

  it('merges conditions on one feature into a range', () => {
    const rows = [[1, 0], [2, 0], [10, 0], [11, 0], [20, 0], [21, 0]];
    const tree = fitDecisionTree(toPoints(rows), [0, 0, 1, 1, 0, 0], { minLeafSize: 1 });
    const rules = clusterRules(tree, FEATURES);
    expect(rules.filter((r) => r.cluster === 1).map((r) => r.text.en)).toEqual(['5 < recency ≤ 15 days']);
    for (const row of rows) expect(classifyByRules(rules, row)).toBe(predictTree(tree, row));
  });

  it('reproduces planted clusters on held-out customers with the fidelity it reports', () => {
    const { rows, labels } = plantedBlobs([[10, 2], [60, 2], [60, 12], [200, 6]], 200, 4, 21);
    const points = toPoints(rows);
    const explanation = explainClusters(points, labels, FEATURES, { seed: 5, holdoutShare: 0.3 });
    // Recompute the fidelity from the printed rules on the same held-out customers.
    const { holdout } = holdoutSplit(rows.length, 0.3, 5);
    const hits = Array.from(holdout).filter((i) => classifyByRules(explanation.rules, rows[i]) === labels[i]).length;
    expect(explanation.holdoutSize).toBe(holdout.length);
    expect(explanation.fidelity).toBeCloseTo(hits / holdout.length, 12);
    expect(explanation.fidelity).toBeGreaterThanOrEqual(0.9);
    expect(explanation.perCluster.map((c) => c.cluster)).toEqual([0, 1, 2, 3]);
  });

  it('rejects mismatched descriptors', () => {
    expect(() => explainClusters(toPoints([[1]]), [0], FEATURES)).toThrow(/2 feature descriptors for 1 columns/);
  });
});
