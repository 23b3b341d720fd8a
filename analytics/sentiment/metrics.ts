/**
 * Binary classification metrics. Macro-F1 is the unweighted mean of the F1 of the
 * positive and of the negative class (Sokolova & Lapalme 2009, Table 3).
 */
export interface BinaryMetrics {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

/** F1 = 2·TP / (2·TP + FP + FN); 0 when the class never occurs nor is predicted. */
function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * @param predicted 1 = positive, 0 = negative (anything else, e.g. −1 for neutral, counts as wrong for both classes)
 * @param actual 1 = positive, 0 = negative
 * @example binaryMetrics([1, 0, 1], [1, 0, 0]) // { n: 3, accuracy: 0.667, macroF1: 0.667 }
 */
export function binaryMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>): BinaryMetrics {
  if (predicted.length !== actual.length) throw new Error(`binaryMetrics: ${predicted.length} predictions, ${actual.length} labels`);
  let correct = 0;
  const positive = { tp: 0, fp: 0, fn: 0 };
  const negative = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < actual.length; i++) {
    const [p, a] = [predicted[i], actual[i]];
    if (p === a) correct++;
    for (const [cls, tally] of [[1, positive], [0, negative]] as const) {
      if (p === cls && a === cls) tally.tp++;
      else if (p === cls) tally.fp++;
      else if (a === cls) tally.fn++;
    }
  }
  const n = actual.length;
  const macroF1 = (f1(positive.tp, positive.fp, positive.fn) + f1(negative.tp, negative.fp, negative.fn)) / 2;
  return { n, accuracy: n === 0 ? 0 : correct / n, macroF1 };
}
