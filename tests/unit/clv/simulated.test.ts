/**
 * Parameter recovery on simulated customers. 20,000 customers are drawn from BG/NBD
 * (r 0.24, α 4.41, a 0.79, b 2.43) and Gamma-Gamma (p 6.25, q 3.74, γ 15.44) — the CDNOW
 * estimates — with ages T uniform on [27, 39] weeks as in the CDNOW cohort. A maximum-likelihood
 * estimate is asymptotically normal around the truth with the inverse observed information as
 * covariance, so each estimate should lie within 3 standard errors (two-sided 99.7 %); the
 * standard errors come from the numerical Hessian at the estimate. The seed is fixed (1, the
 * first tried), so the test is deterministic.
 */
import { bgNbdStandardErrors, fitBgNbd } from '../../../analytics/clv/bgnbd';
import { fitGammaGamma, gammaGammaStandardErrors } from '../../../analytics/clv/gammaGamma';
import { gammaVariate, mulberry32 } from '../../../analytics/random';
import { simulateCustomers } from '../../../analytics/clv/simulate';

const BGNBD = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
const GAMMA_GAMMA = { p: 6.25, q: 3.74, v: 15.44 };
const customers = simulateCustomers({ customers: 20_000, bgnbd: BGNBD, gammaGamma: GAMMA_GAMMA, minT: 27, maxT: 39, seed: 1 });

describe('the simulator', () => {
  it('is deterministic under a seed and draws Gamma variates with the right mean and variance', () => {
    expect(simulateCustomers({ customers: 5, bgnbd: BGNBD, gammaGamma: GAMMA_GAMMA, minT: 27, maxT: 39, seed: 1 })).toEqual(customers.slice(0, 5));
    const rng = mulberry32(42);
    const draws = Array.from({ length: 100_000 }, () => gammaVariate(rng, 0.24, 4.41));
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    const variance = draws.reduce((s, d) => s + (d - mean) ** 2, 0) / draws.length;
    // Gamma(shape 0.24, rate 4.41): mean 0.24/4.41 = 0.054422, variance 0.24/4.41² = 0.012341;
    // the sample mean's SE is sqrt(0.012341/1e5) = 0.00035, so 4 SE ≈ 0.0014.
    expect(Math.abs(mean - 0.24 / 4.41)).toBeLessThan(0.0014);
    expect(variance).toBeCloseTo(0.24 / 4.41 ** 2, 3);
  });

  it('produces valid histories', () => {
    const invalid = customers.filter((c) => c.recency > c.T || (c.frequency === 0 ? c.recency !== 0 : !(c.monetaryValue > 0)));
    expect(invalid).toEqual([]);
  });
});

describe('fits recover the simulating parameters within 3 standard errors', () => {
  it('BG/NBD', () => {
    const fit = fitBgNbd(customers);
    const se = bgNbdStandardErrors(fit, customers);
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(se[name]).toBeGreaterThan(0);
      expect(Math.abs(fit[name] - BGNBD[name])).toBeLessThan(3 * se[name]);
    }
  });

  it('Gamma-Gamma', () => {
    const fit = fitGammaGamma(customers);
    const se = gammaGammaStandardErrors(fit, customers);
    expect(fit.converged).toBe(true);
    // Spend is simulated independently of frequency: the correlation should be near 0.
    expect(Math.abs(fit.frequencyMonetaryCorrelation)).toBeLessThan(0.05);
    for (const name of ['p', 'q', 'v'] as const) {
      expect(se[name]).toBeGreaterThan(0);
      expect(Math.abs(fit[name] - GAMMA_GAMMA[name])).toBeLessThan(3 * se[name]);
    }
  });
});
