/**
 * Customer satisfaction score: the share of "satisfied" answers (4 or 5) on a 1–5 scale, in
 * percent (the usual top-two-box definition).
 */
import { assertScores, DEFAULT_MIN_SAMPLE, type SampleOptions } from './sampleSize';

export interface CsatResult {
  responses: number;
  satisfied: number;
  /** In percent; null without responses. */
  csat: number | null;
  smallSample: boolean;
}

/**
 * @throws when a score is not an integer from 1 to 5.
 * @example customerSatisfaction([5, 4, 3, 1]).csat // 50
 */
export function customerSatisfaction(scores: readonly number[], options: SampleOptions = {}): CsatResult {
  assertScores('customerSatisfaction', scores, 1, 5);
  const satisfied = scores.filter((s) => s >= 4).length;
  return {
    responses: scores.length,
    satisfied,
    csat: scores.length > 0 ? (100 * satisfied) / scores.length : null,
    smallSample: scores.length < (options.minSample ?? DEFAULT_MIN_SAMPLE),
  };
}
