import { digamma, hypergeometric2F1, logGamma, scaledHypergeometric2F1 } from '../../../analytics/clv/special';

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // 9!
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Γ(0.1) = 9.513507698668732 (A&S table 6.1 / Wolfram Alpha)
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 13);
  });

  it('stays finite for heavy buyers where Γ overflows', () => {
    // ln Γ(1001) = ln 1000! (Python 3: math.lgamma(1001) = 5912.128178488163)
    expect(logGamma(1001)).toBeCloseTo(5912.128178488163, 9);
  });
});

describe('digamma', () => {
  it('matches ψ(1) = −γ and ψ(1/2) = −γ − 2 ln 2 (A&S 6.3.2, 6.3.3)', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 13);
    expect(digamma(101)).toBeCloseTo(digamma(100) + 1 / 100, 13); // recurrence ψ(x+1) = ψ(x) + 1/x
  });
});

describe('hypergeometric2F1', () => {
  it('matches closed forms (A&S 15.1.3, 15.1.8)', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      const expected = z === 0 ? 1 : -Math.log(1 - z) / z; // ₂F₁(1, 1; 2; z)
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(expected, 10);
      expect(hypergeometric2F1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 10); // ₂F₁(a, b; b; z) = (1−z)^−a
    }
  });

  it('terminates for a non-positive integer parameter', () => {
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const [b, c, z] = [1.5, 3.2, 0.4];
    expect(hypergeometric2F1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it('rejects z outside [0, 1) and poles in c', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(/hypergeometric2F1: z must be in \[0, 1\)/);
    expect(() => hypergeometric2F1(1, 1, -1, 0.5)).toThrow(/hypergeometric2F1: c must not be 0 or a negative integer/);
  });
});

describe('scaledHypergeometric2F1', () => {
  it('is e^logScale times the series', () => {
    expect(scaledHypergeometric2F1(1, 1, 2, 0.5, Math.log(0.5))).toBeCloseTo(0.5 * 1.3862943611198906, 14);
  });

  it('multiplies a factor that underflows by a series that overflows: (1−z)^a · ₂F₁(a, b; b; z) = 1', () => {
    // ₂F₁(a, b; b; z) = (1−z)^−a (A&S 15.1.8): 2^2000 ≈ 10^602 alone, 2^−2000 as the scale
    expect(hypergeometric2F1(2000, 3, 3, 0.5)).toBe(Infinity);
    expect(scaledHypergeometric2F1(2000, 3, 3, 0.5, 2000 * Math.log(0.5))).toBeCloseTo(1, 10);
  });
});
