/**
 * A linear classifier over hashed binary features, the shape every trained sentiment
 * model has: P(positive | doc) = σ(bias + Σ_{slot ∈ doc} w[slot] / √|doc|).
 * The 1/√|doc| (cosine) scaling keeps long reviews from saturating the probability.
 */
export interface LinearModel {
  /** log2 of the number of weight slots. */
  readonly bits: number;
  readonly bias: number;
  /** One weight per slot (NB log-count ratios already folded in). */
  readonly weights: Float32Array;
}

/** The logistic function σ(z) = 1 / (1 + e^−z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Raw margin (log-odds) of a document given its distinct slots. */
export function margin(model: LinearModel, slots: Uint32Array): number {
  if (slots.length === 0) return model.bias;
  let sum = 0;
  for (const slot of slots) sum += model.weights[slot];
  return model.bias + sum / Math.sqrt(slots.length);
}

/** P(positive) of a document given its distinct slots. */
export function probabilityPositive(model: LinearModel, slots: Uint32Array): number {
  return sigmoid(margin(model, slots));
}
