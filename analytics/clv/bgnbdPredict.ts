/**
 * BG/NBD predictions from fixed parameters (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way"; equation numbers from that paper).
 *
 * Both expectations contain (1−z)^{r+x} ₂F₁(r+x, b+x; a+b+x−1; z). For heavy buyers and long
 * horizons that series has huge terms (lifetimes#25, #332), so we evaluate the identical
 * Euler-transformed form (Abramowitz & Stegun 15.3.3)
 *   (1−z)^{r+x} ₂F₁(r+x, b+x; c; z) = (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; c; z),  c = a+b+x−1,
 * whose terms shrink as x grows. Its factor (1−z)^{a−1} underflows and the series overflows once
 * a is in the hundreds, so the two are multiplied inside the sum (scaledHypergeometric2F1); and
 * when a is so large that Beta(a, b) pins p down, the fixed-p limit below replaces the series.
 */
import { assertValidHistory, assertValidParams, BGNBD_PARAMS, type BgNbdParams } from './bgnbdLikelihood';
import { scaledHypergeometric2F1 } from './special';

function assertValidHorizon(caller: string, t: number): void {
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`${caller}: t must be a non-negative number, got ${t}`);
}

function assertValidModel(caller: string, params: BgNbdParams): void {
  assertValidParams(caller, params, BGNBD_PARAMS);
  if (params.a === 1) throw new RangeError(`${caller}: a = 1 is a removable singularity of FHL eq. 9/10; refit or perturb a`);
}

/**
 * (c/(a−1)) · [1 − (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; c; z)], c = a+b+x−1, z = t/(α₀+t): the
 * numerator of eq. 10 with α₀ = α+T (eq. 9 is the case x = 0, α₀ = α).
 */
function expectedPurchasesIfAlive({ r, a, b }: BgNbdParams, t: number, x: number, alphaPlusT: number): number {
  const c = a + b + x - 1;
  if (a > FIXED_P_ABOVE_A) return expectedPurchasesFixedP(r + x, alphaPlusT, (a - 1) / c, t);
  const z = t / (alphaPlusT + t);
  return (c / (a - 1)) * (1 - scaledHypergeometric2F1(a + b - 1 - r, a - 1, c, z, (a - 1) * Math.log1p(-z)));
}

/**
 * Beyond this a the drop-out probability's Beta(a, b) is pinned down (coefficient of variation
 * below 1/√a, about 3 %), the series needs about a·z/(1−z) terms, and the fixed-p limit differs
 * from eq. 10 by O(1/a): 8·10⁻⁵ relative at a = 10³ (unit test). A fit on customers who all drop
 * out alike lands here (a, b in the 10⁵–10⁶ on simulated data with one p for everyone).
 */
const FIXED_P_ABOVE_A = 1e3;

/**
 * The limit of eq. 9/10 as a, b → ∞ with p = (a−1)/(a+b+x−1) (so that 1/p is E[1/p | alive]
 * exactly): a customer alive at T with purchase rate λ buys (1 − e^{−λpt})/p in (T, T+t]
 * (FHL 2005 eq. 7 for fixed λ, p), and λ ~ Gamma(shape, rate) gives
 *   (1 − (rate/(rate + p·t))^shape) / p.
 */
function expectedPurchasesFixedP(shape: number, rate: number, p: number, t: number): number {
  return -Math.expm1(shape * (Math.log(rate) - Math.log(rate + p * t))) / p;
}

/**
 * E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (FHL 2005 eq. 9):
 *   (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 * @example expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // ≈ 1.8576 (Hardie's spreadsheet)
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  const caller = 'expectedPurchases';
  assertValidModel(caller, params);
  assertValidHorizon(caller, t);
  return expectedPurchasesIfAlive(params, t, 0, params.alpha);
}

/**
 * P(alive | x, t_x, T) (FHL 2005 eq. 13 / Fader, Hardie & Lee 2008 note):
 *   1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}),
 * computed through logarithms so heavy buyers do not overflow. Equals 1 when x = 0.
 * @example probabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.7266
 */
export function probabilityAlive(params: BgNbdParams, x: number, t_x: number, T: number): number {
  const caller = 'probabilityAlive';
  assertValidModel(caller, params);
  assertValidHistory(caller, x, t_x, T);
  return probabilityAliveUnchecked(params, x, t_x, T);
}

function probabilityAliveUnchecked({ r, alpha, a, b }: BgNbdParams, x: number, t_x: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + t_x));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] of a customer with history (x, t_x, T)
 * (FHL 2005 eq. 10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}),
 * i.e. the expectation for a customer known to be alive, times P(alive).
 * @example conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 2, 30.43, 38.86) // ≈ 1.226 (FHL 2005 §5)
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, t_x: number, T: number): number {
  const caller = 'conditionalExpectedPurchases';
  assertValidModel(caller, params);
  assertValidHorizon(caller, t);
  assertValidHistory(caller, x, t_x, T);
  return expectedPurchasesIfAlive(params, t, x, params.alpha + T) * probabilityAliveUnchecked(params, x, t_x, T);
}

/**
 * Customers' E[Y(t) | x, t_x, T] at the same times t, for a whole customer base (the value
 * stage's CLV steps, the customer-based forecast's period boundaries). Eq. 10 is the
 * expectation for a customer alive at T, which depends on (x, T) alone, times P(alive), the
 * only factor with t_x: customers sharing (x, T) — many do, T counting whole days since the
 * first purchase — share the first factor's ₂F₁ series, almost all of the cost, computed once
 * per pair. Every value is the product conditionalExpectedPurchases computes, to the last bit.
 */
export class ConditionalPurchaseCurves {
  private readonly ifAlive = new Map<number, Map<number, Float64Array>>();
  private pairs = 0;

  /**
   * @param times the times t, in the summaries' time unit (t = 0 gives 0).
   * @param maxPairs how many (x, T) pairs' factors are kept: past it the cache starts again, so
   *   that a base where every customer has a pair of their own costs no more memory than this.
   * @throws RangeError on invalid parameters or times.
   */
  constructor(private readonly params: BgNbdParams, private readonly times: readonly number[], private readonly maxPairs = 20_000) {
    const caller = 'ConditionalPurchaseCurves';
    assertValidModel(caller, params);
    for (const t of times) assertValidHorizon(caller, t);
  }

  /**
   * E[Y(times[k]) | x, t_x, T] for every k.
   * @throws RangeError on an invalid history.
   */
  at(x: number, t_x: number, T: number): Float64Array {
    assertValidHistory('ConditionalPurchaseCurves', x, t_x, T);
    const alive = this.aliveFactors(x, T);
    const pAlive = probabilityAliveUnchecked(this.params, x, t_x, T);
    return alive.map((e) => e * pAlive);
  }

  private aliveFactors(x: number, T: number): Float64Array {
    let byT = this.ifAlive.get(x);
    let factors = byT?.get(T);
    if (factors) return factors;
    if (this.pairs >= this.maxPairs) {
      this.ifAlive.clear();
      this.pairs = 0;
      byT = undefined;
    }
    if (!byT) {
      byT = new Map();
      this.ifAlive.set(x, byT);
    }
    const alphaPlusT = this.params.alpha + T;
    factors = Float64Array.from(this.times, (t) => (t === 0 ? 0 : expectedPurchasesIfAlive(this.params, t, x, alphaPlusT)));
    byT.set(T, factors);
    this.pairs++;
    return factors;
  }
}
