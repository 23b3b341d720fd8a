/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", JMR 42(4):415–430, §3 and appendix; Fader &
 * Hardie 2013, "The Gamma-Gamma model of monetary value"). Transaction values are
 * Gamma(p, ν) around a customer mean p/ν, with ν ~ Gamma(q, γ) across customers (γ is `v`
 * here, after lifetimes). The model assumes spend is independent of purchase frequency: the
 * fit reports their correlation so a user can check it is near 0 (lifetimes#211, #378).
 */
import type { ValueAndGradient } from '../optimize/bfgs';
import { assertValidParams } from './bgnbdLikelihood';
import { standardErrors } from '../optimize/hessian';
import { maximizeLikelihood, type FitDiagnostics } from '../optimize/maximumLikelihood';
import { digamma, logGamma } from './special';

/** Local aliases: a global `Math` lookup is ~10× slower inside a vm context (Jest's test sandbox). */
const { log } = Math;

export interface GammaGammaParams {
  p: number;
  q: number;
  /** γ, the scale of the population distribution of ν. */
  v: number;
}

/** A customer's repeat-purchase count x and mean repeat-purchase value m_x. */
export interface SpendHistory {
  frequency: number;
  monetaryValue: number;
  customerId?: string;
}

export interface GammaGammaFitOptions {
  /** L2 penalty λ on (p, q, v) added to the mean negative log-likelihood; default 0. */
  penalty?: number;
  starts?: GammaGammaParams[];
  maxIterations?: number;
}

export interface GammaGammaFit extends GammaGammaParams, FitDiagnostics {
  /** Repeat customers the model was fitted on. */
  customers: number;
  /** Customers with frequency 0 (no repeat purchase, hence no monetary value), not used. */
  skippedWithoutRepeat: number;
  /** Pearson correlation of x and m_x over the fitted customers; the model assumes ≈ 0. */
  frequencyMonetaryCorrelation: number;
}

const GG_PARAMS = ['p', 'q', 'v'] as const;
const toParams = ([p, q, v]: readonly number[]): GammaGammaParams => ({ p, q, v });
const toVector = ({ p, q, v }: GammaGammaParams): number[] => [p, q, v];

interface SpendData {
  x: Float64Array;
  logM: Float64Array;
  m: Float64Array;
  skipped: number;
}

/**
 * Keeps the repeat customers and checks them loudly (m_x must be positive where x > 0), sorted
 * by x so the likelihood computes its per-x gamma terms once per run of equal x.
 */
function repeatCustomers(caller: string, histories: readonly SpendHistory[]): SpendData {
  const kept: SpendHistory[] = [];
  histories.forEach((h, i) => {
    const who = `row ${i}${h.customerId !== undefined ? ` (customer ${h.customerId})` : ''}`;
    if (!Number.isInteger(h.frequency) || h.frequency < 0) throw new RangeError(`${caller}: ${who}: frequency must be a non-negative integer, got ${h.frequency}`);
    if (h.frequency === 0) return;
    if (!Number.isFinite(h.monetaryValue) || h.monetaryValue <= 0) {
      throw new RangeError(
        `${caller}: ${who}: monetary value must be > 0 for a repeat customer, got ${h.monetaryValue} ` +
          '(Gamma-Gamma models positive spend per transaction: pass revenue, not net profit, and net returns first)',
      );
    }
    kept.push(h);
  });
  if (kept.length === 0) throw new RangeError(`${caller}: no repeat customers (frequency > 0) to fit`);
  kept.sort((g, h) => g.frequency - h.frequency);
  return {
    x: Float64Array.from(kept, (h) => h.frequency),
    m: Float64Array.from(kept, (h) => h.monetaryValue),
    logM: Float64Array.from(kept, (h) => log(h.monetaryValue)),
    skipped: histories.length - kept.length,
  };
}

/**
 * Total log-likelihood of the mean repeat-purchase values (FHL 2005 "RFM and CLV", appendix):
 *   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + m_x x).
 * The gradient ∂ ln L/∂(p, q, γ) (gammaGammaLogLikelihoodGradient):
 *   ∂p = x [ψ(px+q) − ψ(px) + ln m_x + ln x − ln(γ + m_x x)],
 *   ∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + m_x x),
 *   ∂γ = q/γ − (px+q)/(γ + m_x x).
 */
function evaluate({ p, q, v }: GammaGammaParams, data: SpendData, gradient?: number[]): number {
  if (!(p > 0 && q > 0 && v > 0)) {
    gradient?.push(Number.NaN, Number.NaN, Number.NaN);
    return Number.NaN;
  }
  const { x, m, logM } = data;
  const logV = log(v);
  const psiQ = digamma(q);
  let total = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  let lastX = Number.NaN;
  let perX = 0; // ln Γ(px+q) − ln Γ(px) + px ln x
  let psiSum = 0; // ψ(px+q)
  let psiDiff = 0; // ψ(px+q) − ψ(px) + ln x
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    if (x[i] !== lastX) {
      lastX = x[i];
      perX = logGamma(px + q) - logGamma(px) + px * log(lastX);
      if (gradient) {
        psiSum = digamma(px + q);
        psiDiff = psiSum - digamma(px) + log(lastX);
      }
    }
    const logDenominator = log(v + m[i] * x[i]);
    total += perX + (px - 1) * logM[i] - (px + q) * logDenominator;
    if (gradient) {
      dp += x[i] * (psiDiff + logM[i] - logDenominator);
      dq += psiSum - logDenominator;
      dv -= (px + q) / (v + m[i] * x[i]);
    }
  }
  const n = x.length;
  gradient?.push(dp, dq + n * (logV - psiQ), dv + (n * q) / v);
  return total + n * (q * logV - logGamma(q));
}

function withGradient(params: GammaGammaParams, data: SpendData): ValueAndGradient {
  const gradient: number[] = [];
  return { value: evaluate(params, data, gradient), gradient };
}

/** Log-likelihood of `params` on the repeat customers in `histories` (customers with x = 0 are skipped). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, histories: readonly SpendHistory[]): number {
  return evaluate(params, repeatCustomers('gammaGammaLogLikelihood', histories));
}

/** Log-likelihood and its gradient with respect to (p, q, γ). */
export function gammaGammaLogLikelihoodGradient(params: GammaGammaParams, histories: readonly SpendHistory[]): ValueAndGradient {
  return withGradient(params, repeatCustomers('gammaGammaLogLikelihoodGradient', histories));
}

function pearson(u: Float64Array, w: Float64Array): number {
  const n = u.length;
  const mu = u.reduce((s, e) => s + e, 0) / n;
  const mw = w.reduce((s, e) => s + e, 0) / n;
  let suw = 0;
  let suu = 0;
  let sww = 0;
  for (let i = 0; i < n; i++) {
    suw += (u[i] - mu) * (w[i] - mw);
    suu += (u[i] - mu) ** 2;
    sww += (w[i] - mw) ** 2;
  }
  return suu > 0 && sww > 0 ? suw / Math.sqrt(suu * sww) : Number.NaN;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the repeat customers (frequency > 0) of `histories`.
 * @throws when a repeat customer has a non-positive monetary value, or there is none.
 * @example fitGammaGamma(cdnowSummary) // { p: 6.2496, q: 3.7442, v: 15.4435, customers: 946, … }
 */
export function fitGammaGamma(histories: readonly SpendHistory[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  const data = repeatCustomers('fitGammaGamma', histories);
  const meanM = data.m.reduce((s, e) => s + e, 0) / data.m.length;
  const starts = options.starts ?? [
    { p: 1, q: 1, v: 1 },
    { p: 5, q: 3, v: meanM },
    { p: 1, q: 5, v: meanM },
  ];
  const model = {
    logLikelihood: (theta: number[]) => evaluate(toParams(theta), data),
    logLikelihoodGradient: (theta: number[]) => withGradient(toParams(theta), data),
  };
  const { theta, ...diagnostics } = maximizeLikelihood('fitGammaGamma', model, data.x.length, {
    starts: starts.map(toVector),
    penalty: options.penalty ?? 0,
    maxIterations: options.maxIterations ?? 5000,
  });
  return {
    ...toParams(theta),
    ...diagnostics,
    customers: data.x.length,
    skippedWithoutRepeat: data.skipped,
    frequencyMonetaryCorrelation: pearson(data.x, data.m),
  };
}

/** Standard errors of (p, q, v) from the observed information at `params` (see analytics/optimize/hessian.ts). */
export function gammaGammaStandardErrors(params: GammaGammaParams, histories: readonly SpendHistory[]): GammaGammaParams {
  const data = repeatCustomers('gammaGammaStandardErrors', histories);
  return toParams(standardErrors((theta) => evaluate(toParams(theta), data), toVector(params)));
}

/**
 * E[M | p, q, γ, m_x, x]: expected spend per transaction of a customer with x repeat purchases
 * of mean value m_x (Fader & Hardie 2013 eq. 5; FHL 2005 "RFM and CLV" eq. 3):
 *   (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m_x  =  p(γ + x m_x) / (px + q − 1),
 * a weighted average of the population mean pγ/(q−1) and the customer's own mean. For x = 0
 * it is the population mean, which exists only for q > 1.
 * @example expectedAverageSpend({ p: 6.25, q: 3.74, v: 15.44 }, 0, 0) // = 6.25·15.44/2.74 ≈ 35.22
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, m_x: number): number {
  const caller = 'expectedAverageSpend';
  assertValidParams(caller, params, GG_PARAMS);
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${caller}: frequency (x) must be a non-negative integer, got ${x}`);
  if (x > 0 && !(m_x > 0)) throw new RangeError(`${caller}: monetary value must be > 0 when x > 0, got ${m_x}`);
  const { p, q, v } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) throw new RangeError(`${caller}: px + q − 1 must be > 0 (q = ${q} ≤ 1 has no finite population mean)`);
  return (p * (v + x * (x > 0 ? m_x : 0))) / denominator;
}
