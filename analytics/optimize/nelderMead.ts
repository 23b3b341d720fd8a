/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965; adaptive coefficients of
 * Gao & Han 2012 for higher dimensions). Derivative-free, so it copes with the
 * piecewise likelihoods of ETS and the log-parameter surfaces of BG/NBD.
 *
 * The objective may return NaN or Infinity for inadmissible points; those are
 * treated as +Infinity so the simplex walks away from them.
 */
export interface NelderMeadOptions {
  /** Stop when the spread of objective values in the simplex falls below this. */
  fTolerance?: number;
  /** Stop when the simplex diameter falls below this. */
  xTolerance?: number;
  maxIterations?: number;
  /** Initial step per coordinate (absolute). */
  initialStep?: number | number[];
}

export interface MinimizeResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

const DEFAULTS: Required<Omit<NelderMeadOptions, 'initialStep'>> = {
  fTolerance: 1e-10,
  xTolerance: 1e-8,
  maxIterations: 5000,
};

function safe(f: (x: number[]) => number, x: number[]): number {
  const v = f(x);
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new Error('nelderMead: x0 must have at least one coordinate');
  const { fTolerance, xTolerance, maxIterations } = { ...DEFAULTS, ...options };
  const { initialStep } = options;
  const steps: number[] = Array.isArray(initialStep)
    ? initialStep
    : x0.map((v) => initialStep ?? (v !== 0 ? 0.05 * Math.abs(v) + 0.05 : 0.1));
  if (steps.length !== n) throw new Error('nelderMead: initialStep length must match x0');

  const alpha = 1;
  const beta = 1 + 2 / n; // expansion
  const gamma = 0.75 - 1 / (2 * n); // contraction
  const delta = 1 - 1 / n; // shrink

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += steps[i];
    simplex.push(p);
  }
  const values = simplex.map((p) => safe(f, p));

  let iterations = 0;
  let converged = false;
  const order = simplex.map((_, i) => i);
  while (iterations < maxIterations) {
    iterations++;
    order.sort((i, j) => values[i] - values[j]);
    const best = order[0];
    const worst = order[n];
    const secondWorst = order[n - 1];

    const fSpread = Math.abs(values[worst] - values[best]);
    let diameter = 0;
    for (const i of order) {
      for (let k = 0; k < n; k++) diameter = Math.max(diameter, Math.abs(simplex[i][k] - simplex[best][k]));
    }
    if (Number.isFinite(values[best]) && fSpread <= fTolerance * (Math.abs(values[best]) + fTolerance) && diameter <= Math.max(xTolerance, 1e-4)) {
      converged = true;
      break;
    }
    if (diameter <= xTolerance) {
      converged = Number.isFinite(values[best]);
      break;
    }

    const centroid = new Array<number>(n).fill(0);
    for (const i of order) {
      if (i === worst) continue;
      for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    }
    const along = (t: number) => centroid.map((c, k) => c + t * (simplex[worst][k] - c));

    const reflected = along(-alpha);
    const fr = safe(f, reflected);
    if (fr < values[best]) {
      const expanded = along(-alpha * beta);
      const fe = safe(f, expanded);
      if (fe < fr) {
        simplex[worst] = expanded;
        values[worst] = fe;
      } else {
        simplex[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[secondWorst]) {
      simplex[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const outside = fr < values[worst];
    const contracted = along(outside ? -alpha * gamma : gamma);
    const fc = safe(f, contracted);
    if (fc < (outside ? fr : values[worst])) {
      simplex[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    for (const i of order) {
      if (i === best) continue;
      simplex[i] = simplex[i].map((v, k) => simplex[best][k] + delta * (v - simplex[best][k]));
      values[i] = safe(f, simplex[i]);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bestIndex]) bestIndex = i;
  return { x: simplex[bestIndex], fx: values[bestIndex], iterations, converged };
}
