/**
 * Seeded randomness for analytics, tests, benchmarks and the sample-data generator: mulberry32
 * (Tommy Ettinger, public domain) and the draws built on it. Same seed, same stream, everywhere.
 */

/** Local aliases: a global `Math` lookup is ~10× slower inside a vm context (Jest's test sandbox). */
const { cos, exp, floor, imul, log, max, pow, round, sqrt, PI } = Math;

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/**
 * mulberry32: a uniform generator on [0, 1) from a 32-bit seed.
 * @example mulberry32(42)() // 0.6011037519201636 on every run
 */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a named stream: FNV-1a of `label` mixed into `seed`. */
export function streamSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) hash = imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** An integer in [0, n). */
export function randomInt(uniform: Uniform, n: number): number {
  return floor(uniform() * n);
}

/** Normal(mean, sd) by Box–Muller, one value (two uniforms) per call. */
export function normalVariate(uniform: Uniform, mean = 0, sd = 1): number {
  const u = 1 - uniform(); // (0, 1], so the log is finite
  return mean + sd * sqrt(-2 * log(u)) * cos(2 * PI * uniform());
}

/** A sampler of standard normals drawn from `uniform`. */
export function normalSampler(uniform: Uniform): () => number {
  return () => normalVariate(uniform);
}

/** Exponential with the given rate (mean 1/rate). */
export function exponentialVariate(uniform: Uniform, rate: number): number {
  return -log(1 - uniform()) / rate;
}

/**
 * Gamma(shape, rate), mean shape/rate, by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables", ACM TOMS 26(3), with the U^(1/shape) boost for shape < 1.
 */
export function gammaVariate(uniform: Uniform, shape: number, rate: number): number {
  if (!(shape > 0 && rate > 0)) throw new RangeError(`gammaVariate: shape and rate must be positive, got ${shape}, ${rate}`);
  return gammaWithScale(uniform, shape, 1 / rate);
}

/** Gamma(shape, scale), mean shape · scale (unchecked; see `gammaVariate`). */
function gammaWithScale(uniform: Uniform, shape: number, scale: number): number {
  if (shape < 1) return gammaWithScale(uniform, shape + 1, scale) * pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    const x = normalVariate(uniform);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = uniform();
    if (log(u) < 0.5 * x * x + d - d * v + d * log(v)) return d * v * scale;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaVariate(uniform: Uniform, a: number, b: number): number {
  const x = gammaVariate(uniform, a, 1);
  return x / (x + gammaVariate(uniform, b, 1));
}

/** Poisson(mean): Knuth's product method below 30, a rounded normal above. */
export function poissonVariate(uniform: Uniform, mean: number): number {
  if (mean <= 0) return 0;
  if (mean >= 30) return max(0, round(normalVariate(uniform, mean, sqrt(mean))));
  const limit = exp(-mean);
  let k = 0;
  let p = uniform();
  while (p > limit) {
    k++;
    p *= uniform();
  }
  return k;
}

/** An index drawn with probability proportional to `weights` (need not sum to 1). */
export function categoricalVariate(uniform: Uniform, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let u = uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** `0 … n−1` in random order (Fisher–Yates). */
export function shuffledIndices(n: number, uniform: Uniform): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(uniform, i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/**
 * `size` distinct indices from [0, n) in increasing order (partial Fisher–Yates); all of them
 * when size ≥ n.
 * @example sampleIndices(5, 10, 1) // → Int32Array [0, 1, 2, 3, 4]
 */
export function sampleIndices(n: number, size: number, seed: number): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const uniform = mulberry32(seed);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + randomInt(uniform, n - i);
    const swap = pool[i];
    pool[i] = pool[j];
    pool[j] = swap;
  }
  return pool.slice(0, size).sort();
}

/** Splits [0, n) into a training part and a held-out part of ≈ `holdoutShare` · n indices. */
export function holdoutSplit(n: number, holdoutShare: number, seed: number): { train: Int32Array; holdout: Int32Array } {
  if (!(holdoutShare > 0 && holdoutShare < 1)) throw new RangeError(`holdoutSplit: holdoutShare must be in (0, 1), got ${holdoutShare}`);
  const holdout = sampleIndices(n, Math.round(n * holdoutShare), seed);
  const isHeldOut = new Uint8Array(n);
  for (const i of holdout) isHeldOut[i] = 1;
  const train = new Int32Array(n - holdout.length);
  let t = 0;
  for (let i = 0; i < n; i++) if (!isHeldOut[i]) train[t++] = i;
  return { train, holdout };
}

/** Weights of each option list passed to `weighted`, extracted once (the lists are constants). */
const weightCache = new WeakMap<object, number[]>();

/**
 * One mulberry32 stream with the draws as methods (the sample-data generator's interface). Each
 * generator phase takes its own stream, so changing one phase never shifts another.
 * @example Random.stream(42, 'orders').next() // the same number on every run
 */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: Uniform;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for a named phase. */
  static stream(seed: number, label: string): Random {
    return new Random(streamSeed(seed, label));
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return randomInt(this.next, n);
  }

  /** Integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    return normalVariate(this.next, mean, sd);
  }

  exponential(rate: number): number {
    return exponentialVariate(this.next, rate);
  }

  /** Gamma(shape, scale), mean shape · scale. */
  gamma(shape: number, scale: number): number {
    return gammaWithScale(this.next, shape, scale);
  }

  poisson(mean: number): number {
    return poissonVariate(this.next, mean);
  }

  categorical(weights: ArrayLike<number>): number {
    return categoricalVariate(this.next, weights);
  }

  /** One option drawn with probability proportional to its weight. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let weights = weightCache.get(options);
    if (!weights) {
      weights = options.map(([, w]) => w);
      weightCache.set(options, weights);
    }
    return options[this.categorical(weights)][0];
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}
