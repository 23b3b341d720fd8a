/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2):275–284): fit by maximum
 * likelihood, standard errors, and (re-exported) the likelihood and predictions.
 *
 * Estimator API: `fitBgNbd(histories) → params` (a plain object that travels through Temporal
 * unchanged) and separate prediction functions taking those params.
 */
import {
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  compressHistories,
  type BgNbdParams,
  type CustomerHistory,
} from './bgnbdLikelihood';
import { standardErrors } from '../optimize/hessian';
import { maximizeLikelihood, type FitDiagnostics } from '../optimize/maximumLikelihood';

export * from './bgnbdLikelihood';
export * from './bgnbdPredict';

export interface BgNbdFitOptions {
  /** L2 penalty λ on (r, α, a, b) added to the mean negative log-likelihood (lifetimes' penalizer_coef); default 0. */
  penalty?: number;
  /** Starting points; default: three spread-out starts, two scaled to the data. */
  starts?: BgNbdParams[];
  /** Iteration budget per Nelder–Mead run; default 5000. */
  maxIterations?: number;
}

/** Estimates and diagnostics (FHL 2005 report a log-likelihood of −9582.4 on CDNOW). */
export interface BgNbdFit extends BgNbdParams, FitDiagnostics {
  customers: number;
  /** Unique (x, t_x, T) rows the likelihood was evaluated over. */
  uniqueRows: number;
}

const toParams = ([r, alpha, a, b]: readonly number[]): BgNbdParams => ({ r, alpha, a, b });
const toVector = ({ r, alpha, a, b }: BgNbdParams): number[] => [r, alpha, a, b];

/**
 * Default starts: all parameters 1, and two whose mean purchase rate r/α matches the data's
 * Σx/ΣT — one with very heterogeneous rates (r = 0.1), one with moderate (r = 1).
 */
function defaultStarts(histories: readonly CustomerHistory[]): BgNbdParams[] {
  let purchases = 0;
  let time = 0;
  for (const h of histories) {
    purchases += h.frequency;
    time += h.T;
  }
  const rate = purchases > 0 && time > 0 ? purchases / time : 1;
  return [
    { r: 1, alpha: 1, a: 1, b: 1 },
    { r: 0.1, alpha: 0.1 / rate, a: 0.5, b: 2 },
    { r: 1, alpha: 1 / rate, a: 2, b: 5 },
  ];
}

/**
 * Maximum-likelihood BG/NBD fit (likelihood FHL 2005 eq. 6) over unique (x, t_x, T) rows.
 * Reports convergence instead of throwing when the optimizer does not converge.
 * @throws on invalid histories (negative frequency, recency larger than T, …), naming the row.
 * @example fitBgNbd(cdnowSummary) // { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, logLikelihood: −9582.43, converged: true, … }
 */
export function fitBgNbd(histories: readonly CustomerHistory[], options: BgNbdFitOptions = {}): BgNbdFit {
  const data = compressHistories(histories, 'fitBgNbd');
  const model = {
    logLikelihood: (theta: number[]) => bgNbdLogLikelihood(toParams(theta), data),
    logLikelihoodGradient: (theta: number[]) => bgNbdLogLikelihoodGradient(toParams(theta), data),
  };
  const { theta, ...diagnostics } = maximizeLikelihood('fitBgNbd', model, data.customers, {
    starts: (options.starts ?? defaultStarts(histories)).map(toVector),
    penalty: options.penalty ?? 0,
    maxIterations: options.maxIterations ?? 5000,
  });
  return {
    ...toParams(theta),
    ...diagnostics,
    customers: data.customers,
    uniqueRows: data.rows,
  };
}

/**
 * Asymptotic standard errors of (r, α, a, b) from the observed information at `params`
 * (see analytics/optimize/hessian.ts). Meaningful at an unpenalised maximum-likelihood estimate.
 */
export function bgNbdStandardErrors(params: BgNbdParams, histories: readonly CustomerHistory[]): BgNbdParams {
  const data = compressHistories(histories, 'bgNbdStandardErrors');
  return toParams(standardErrors((theta) => bgNbdLogLikelihood(toParams(theta), data), toVector(params)));
}
