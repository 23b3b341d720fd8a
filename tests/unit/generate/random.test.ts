import { Random } from '../../../analytics/random';

/** Mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds and streams', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new Random(42)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new Random(42)));
    expect(a).toEqual(b);
    expect(new Random(43).next()).not.toBe(a[0]);
    expect(Random.stream(42, 'orders').next()).toBe(Random.stream(42, 'orders').next());
    expect(Random.stream(42, 'orders').next()).not.toBe(Random.stream(42, 'people').next());
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Random(1);
    const { mean, variance } = moments(100_000, () => rng.next());
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws normals, gammas and Poissons with their textbook moments', () => {
    const rng = new Random(2);
    const normal = moments(100_000, () => rng.normal(3, 2));
    expect(normal.mean).toBeCloseTo(3, 1);
    expect(normal.variance).toBeCloseTo(4, 0);
    // Gamma(k, θ): mean kθ, variance kθ² — for k < 1 too (the boosted branch).
    for (const [shape, scale] of [[2, 1.5], [0.5, 2]]) {
      const gamma = moments(100_000, () => rng.gamma(shape, scale));
      expect(gamma.mean).toBeCloseTo(shape * scale, 1);
      expect(gamma.variance / (shape * scale * scale)).toBeCloseTo(1, 1);
    }
    for (const lambda of [0.7, 12, 80]) {
      const poisson = moments(50_000, () => rng.poisson(lambda));
      expect(poisson.mean / lambda).toBeCloseTo(1, 1);
      expect(poisson.variance / lambda).toBeCloseTo(1, 1);
    }
  });

  it('draws categories in proportion to their weights', () => {
    const rng = new Random(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.categorical([1, 2, 3])]++;
    expect(counts.map((n) => n / 60_000)).toEqual([expect.closeTo(1 / 6, 2), expect.closeTo(2 / 6, 2), expect.closeTo(3 / 6, 2)]);
    expect(rng.weighted([['only', 1]] as const)).toBe('only');
  });
});
