/**
 * Trains a `LinearModel`: NB-weighted logistic regression ("NBSVM" with a logistic loss,
 * Wang & Manning, ACL 2012, §2.3; Mesnil et al. 2014). Each binary feature is scaled by
 * its naive-Bayes log-count ratio r_j = log((p_j/‖p‖₁) / (q_j/‖q‖₁)), p = α + Σ_{pos} x,
 * q = α + Σ_{neg} x, then logistic regression with L2 penalty is fitted by AdaGrad SGD
 * (Duchi et al. 2011) over a seeded shuffle. Deterministic: the same inputs give the
 * same bytes.
 */
import { sigmoid, type LinearModel } from './linearModel';
import { mulberry32, shuffledIndices } from '../random';

/** Training options; all have defaults. */
export interface TrainLinearOptions {
  /** log2 of the number of weight slots. */
  bits: number;
  /** Passes over the data. */
  epochs: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty per update on the touched weights. */
  l2: number;
  /** Laplace smoothing of the NB counts. */
  nbAlpha: number;
  /** Seed of the shuffle. */
  seed: number;
}

/** Generic defaults; the shipped models pass their own settings (trainModels.ts). */
export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainLinearOptions> = {
  bits: 20,
  epochs: 8,
  learningRate: 0.1,
  l2: 1e-4,
  nbAlpha: 1,
  seed: 20240601,
};

/** NB log-count ratios per slot from binary documents and labels (1 = positive). */
function logCountRatios(docs: readonly Uint32Array[], labels: ArrayLike<number>, size: number, alpha: number): Float64Array {
  const positive = new Float64Array(size).fill(alpha);
  const negative = new Float64Array(size).fill(alpha);
  docs.forEach((slots, i) => {
    const counts = labels[i] === 1 ? positive : negative;
    for (const slot of slots) counts[slot] += 1;
  });
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let j = 0; j < size; j++) {
    positiveTotal += positive[j];
    negativeTotal += negative[j];
  }
  const ratios = new Float64Array(size);
  for (let j = 0; j < size; j++) ratios[j] = Math.log(positive[j] / positiveTotal / (negative[j] / negativeTotal));
  return ratios;
}

/**
 * @param docs distinct feature slots per document (see `hashFeatures`)
 * @param labels 1 = positive, 0 = negative, one per document
 * @throws Error when docs and labels differ in length or a class is missing
 */
export function trainLinear(
  docs: readonly Uint32Array[],
  labels: ArrayLike<number>,
  options: Partial<TrainLinearOptions> = {},
): LinearModel {
  const { bits, epochs, learningRate, l2, nbAlpha, seed }: TrainLinearOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (docs.length !== labels.length) throw new Error(`trainLinear: ${docs.length} docs but ${labels.length} labels`);
  const positives = Array.from(labels).filter((y) => y === 1).length;
  if (positives === 0 || positives === docs.length) throw new Error('trainLinear: needs both positive and negative documents');
  const size = 1 << bits;
  const ratios = logCountRatios(docs, labels, size, nbAlpha);
  const weights = new Float64Array(size);
  const squaredGradients = new Float64Array(size);
  let bias = 0;
  let biasSquaredGradient = 0;
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffledIndices(docs.length, random)) {
      const slots = docs[i];
      const scale = slots.length === 0 ? 0 : 1 / Math.sqrt(slots.length);
      let z = bias;
      for (const slot of slots) z += weights[slot] * ratios[slot] * scale;
      const error = sigmoid(z) - labels[i];
      for (const slot of slots) {
        const gradient = error * ratios[slot] * scale + l2 * weights[slot];
        squaredGradients[slot] += gradient * gradient;
        weights[slot] -= (learningRate * gradient) / Math.sqrt(squaredGradients[slot] + 1e-8);
      }
      biasSquaredGradient += error * error;
      bias -= (learningRate * error) / Math.sqrt(biasSquaredGradient + 1e-8);
    }
  }
  const folded = new Float32Array(size);
  for (let j = 0; j < size; j++) folded[j] = weights[j] * ratios[j];
  return { bits, bias, weights: folded };
}
