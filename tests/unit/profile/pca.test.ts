import { fitPca, projectPca } from '../../../analytics/profile/pca';

describe('pca', () => {
  it('finds the single direction of points on the line y = x', () => {
    const model = fitPca([[1, 1], [2, 2], [3, 3]]);
    expect(model.explainedVariance).toHaveLength(1);
    expect(model.explainedVariance[0]).toBeCloseTo(1, 12);
    expect(Math.abs(model.loadings[0][0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(Math.abs(model.loadings[0][1])).toBeCloseTo(Math.SQRT1_2, 12);
    // Scores are signed distances along the line from the mean (2, 2): ∓√2, 0, ±√2.
    const scores = projectPca(model, [[1, 1], [2, 2], [3, 3]]).map(([s]) => Math.abs(s));
    expect(scores[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(scores[1]).toBeCloseTo(0, 12);
  });

  it('keeps the requested number of components, or enough for the variance share', () => {
    const rows = [[2, 0, 0.1], [-2, 0.5, 0], [0, -0.5, -0.1], [1, 1, 0], [-1, -1, 0]];
    expect(fitPca(rows, { components: 2 }).loadings).toHaveLength(2);
    const model = fitPca(rows, { varianceToKeep: 0.99 });
    const kept = model.explainedVariance.reduce((s, v) => s + v, 0);
    expect(kept).toBeGreaterThanOrEqual(0.99);
    expect(() => fitPca(rows, { components: 4 })).toThrow(/components/);
  });
});
