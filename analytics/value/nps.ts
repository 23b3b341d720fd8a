/**
 * Net Promoter Score (Reichheld 2003, "The one number you need to grow", HBR): on the 0–10
 * "would you recommend us" scale, promoters answer 9–10, passives 7–8, detractors 0–6;
 * NPS = % promoters − % detractors, from −100 to 100.
 */
import { assertScores, DEFAULT_MIN_SAMPLE, type SampleOptions } from './sampleSize';

export interface NpsResult {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** In percentage points; null without responses. */
  nps: number | null;
  /** Fewer responses than the minimum sample: read with care. */
  smallSample: boolean;
}

/**
 * @throws when a score is not an integer from 0 to 10.
 * @example netPromoterScore([10, 9, 8, 6]).nps // (2 − 1) / 4 = 25
 */
export function netPromoterScore(scores: readonly number[], options: SampleOptions = {}): NpsResult {
  assertScores('netPromoterScore', scores, 0, 10);
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const n = scores.length;
  return {
    responses: n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    nps: n > 0 ? (100 * (promoters - detractors)) / n : null,
    smallSample: n < (options.minSample ?? DEFAULT_MIN_SAMPLE),
  };
}
