/**
 * Seeded randomness for simulated prediction intervals and for tests: mulberry32
 * (Tommy Ettinger's 32-bit generator) and standard normals by Box–Muller.
 */
export type Uniform = () => number;

/** mulberry32: a uniform generator on [0, 1) from a 32-bit seed; same seed, same stream. */
export function mulberry32(seed: number): Uniform {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a uniform generator (Box–Muller, one draw per call). */
export function normalSampler(uniform: Uniform): () => number {
  return () => {
    const u = 1 - uniform(); // (0, 1], so log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
