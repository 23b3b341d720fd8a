/**
 * The generator's only source of randomness: mulberry32, a 32-bit PRNG that is fast and
 * reproducible everywhere, with the draws the simulation needs. Every phase takes its own
 * stream (`Random.stream(seed, 'orders')`), so changing one phase never shifts another.
 */
/** Weights of each option list passed to `weighted`, extracted once (the lists are constants). */
const weightCache = new WeakMap<object, number[]>();

export class Random {
  private state: number;

  /** A generator seeded with a 32-bit integer; the same seed gives the same sequence. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for a named phase: FNV-1a of the label mixed into the seed.
   * @example Random.stream(42, 'orders').next() // the same number on every run
   */
  static stream(seed: number, label: string): Random {
    let hash = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    return new Random(hash >>> 0);
  }

  /** Uniform in [0, 1) (mulberry32, Tommy Ettinger). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box–Muller (one value per call, so the sequence never depends on call parity). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Gamma(shape, scale), mean shape × scale — Marsaglia & Tsang (2000), "A simple method for
   * generating gamma variables", with the u^(1/shape) boost for shape < 1.
   */
  gamma(shape: number, scale: number): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  }

  /** Poisson(mean): Knuth's product method below 30, a rounded normal above. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Index drawn with probability proportional to `weights` (need not sum to 1). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
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
