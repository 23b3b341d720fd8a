import { nelderMead } from '../../../analytics/optimize/nelderMead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('walks away from inadmissible (NaN) regions', () => {
    const f = ([x]: number[]) => (x <= 0 ? Number.NaN : (Math.log(x) - 2) ** 2);
    const result = nelderMead(f, [0.5]);
    expect(result.x[0]).toBeCloseTo(Math.exp(2), 4);
  });
});
