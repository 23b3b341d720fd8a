/**
 * Seeded randomness for segmentation: every random choice (k-means++ seeds, samples, hold-out
 * splits, simulated data) draws from one of these so a run is reproducible from its `seed`.
 * Generator: mulberry32 (Tommy Ettinger, public domain), 32-bit state, period 2^32.
 */

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/** mulberry32: same seed, same stream. */
export function seededUniform(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomInt(uniform: Uniform, n: number): number {
  return Math.floor(uniform() * n);
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(uniform: Uniform): number {
  const u = 1 - uniform(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/**
 * `size` distinct indices from [0, n), in increasing order (partial Fisher–Yates on the
 * index range). Returns every index when size ≥ n.
 * @example sampleIndices(5, 10, 1) // → Int32Array [0, 1, 2, 3, 4]
 */
export function sampleIndices(n: number, size: number, seed: number): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const uniform = seededUniform(seed);
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
