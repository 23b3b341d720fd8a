/**
 * Simulated customer bases from the BG/NBD and Gamma-Gamma generative stories, for checking
 * that the fitters recover known parameters and for benchmarks.
 *
 * BG/NBD (Fader, Hardie & Lee 2005, §3, assumptions i–v): while active, a customer buys at
 * Poisson rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability
 * p ~ Beta(a, b). Gamma-Gamma (FHL 2005 "RFM and CLV", §3): each transaction is
 * Gamma(p, ν) with ν ~ Gamma(q, γ), independent of the purchase process, so the mean of x
 * transactions is Gamma(px, νx).
 */
import type { BgNbdParams } from './bgnbdLikelihood';
import type { GammaGammaParams } from './gammaGamma';
import { betaVariate, exponentialVariate, gammaVariate, mulberry32 } from '../random';
import type { CustomerSummary } from './summary';

export interface SimulationOptions {
  customers: number;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Customer ages T are uniform on [minT, maxT] (e.g. a cohort acquired over 12 weeks, observed for 39). */
  minT: number;
  maxT: number;
  seed: number;
  /**
   * When set (1/7 = a day when the unit is weeks), customers are summarised as dated
   * transactions are: T and t_x count whole steps between purchase days, the first purchase
   * happening at a uniform instant within its day. This lets the fitter compress the data to
   * unique rows, as with real data. (Two purchases on one day are not merged: rare at these rates.)
   */
  timeStep?: number;
}

/** Customer summaries (frequency, recency, T, monetary value) drawn from the two models. */
export function simulateCustomers(options: SimulationOptions): CustomerSummary[] {
  const { customers, bgnbd, gammaGamma, minT, maxT, seed, timeStep } = options;
  if (!(Number.isInteger(customers) && customers > 0)) throw new RangeError(`simulateCustomers: customers must be a positive integer, got ${customers}`);
  if (!(minT >= 0 && maxT >= minT)) throw new RangeError(`simulateCustomers: need 0 ≤ minT ≤ maxT, got ${minT}, ${maxT}`);
  const step = timeStep ?? 0;
  const grid = (t: number) => (step ? Math.floor(t / step) * step : t);
  const rng = mulberry32(seed);
  const result: CustomerSummary[] = [];
  for (let i = 0; i < customers; i++) {
    // With a time step, T counts whole steps from the first purchase's day to the calibration end's
    // and the first purchase falls at a uniform instant of its day, so exposure runs a little longer.
    const T = grid(minT + (maxT - minT) * rng());
    const offset = step ? step * rng() : 0;
    const exposure = step ? T + step - offset : T;
    const lambda = gammaVariate(rng, bgnbd.r, bgnbd.alpha);
    const p = betaVariate(rng, bgnbd.a, bgnbd.b);
    let x = 0;
    let t_x = 0;
    for (let t = exponentialVariate(rng, lambda); t <= exposure; t += exponentialVariate(rng, lambda)) {
      x++;
      t_x = t;
      if (rng() < p) break;
    }
    const nu = gammaVariate(rng, gammaGamma.q, gammaGamma.v);
    const monetaryValue = x > 0 ? gammaVariate(rng, gammaGamma.p * x, nu * x) : 0;
    result.push({ customerId: String(i + 1), frequency: x, recency: x > 0 ? Math.min(grid(offset + t_x), T) : 0, T, monetaryValue });
  }
  return result;
}
