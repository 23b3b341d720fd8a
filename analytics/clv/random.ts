/**
 * Seeded random variates for simulation (tests, benchmarks). Deterministic for a given seed.
 */

/** Local aliases: a global `Math` lookup is ~10× slower inside a vm context (Jest's test sandbox). */
const { cos, log, sqrt } = Math;

/** A uniform generator on [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit-state generator, fast and good
 * enough for Monte Carlo checks of model fits.
 * @example const rng = mulberry32(42); rng() // same value on every run
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform on (0, 1): never 0, so logarithms are safe. */
function openUniform(rng: Random): number {
  let u = rng();
  while (u === 0) u = rng();
  return u;
}

/** Standard normal by the Box–Muller transform. */
export function normalVariate(rng: Random): number {
  return sqrt(-2 * log(openUniform(rng))) * cos(2 * Math.PI * rng());
}

/** Exponential with the given rate (mean 1/rate). */
export function exponentialVariate(rng: Random, rate: number): number {
  return -log(openUniform(rng)) / rate;
}

/**
 * Gamma(shape, rate) (mean shape/rate) by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables", ACM TOMS 26(3); for shape < 1 the boost
 * Gamma(k) = Gamma(k+1) · U^{1/k} from the same paper.
 */
export function gammaVariate(rng: Random, shape: number, rate: number): number {
  if (!(shape > 0 && rate > 0)) throw new RangeError(`gammaVariate: shape and rate must be positive, got ${shape}, ${rate}`);
  if (shape < 1) return gammaVariate(rng, shape + 1, rate) * openUniform(rng) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    const x = normalVariate(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = openUniform(rng);
    if (u < 1 - 0.0331 * x ** 4 || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaVariate(rng: Random, a: number, b: number): number {
  const x = gammaVariate(rng, a, 1);
  return x / (x + gammaVariate(rng, b, 1));
}
