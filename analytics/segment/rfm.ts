/**
 * RFM scores and named RFM segments (SPEC §4).
 *
 * Scores (Hughes 1994, "Strategic Database Marketing"): each of recency, frequency and monetary
 * is scored 1–5 by quintile, 5 best; for recency "best" is most recent. Ties are deterministic
 * and independent of row order: with n customers and b of them strictly worse than a customer,
 * the score is ⌈5 · (b + 1) / n⌉, so equal values always share a score and the worst value
 * always scores 1 (e.g. every one-order customer gets F = 1).
 *
 * Segments come from the R and F scores only (M is reported but does not move a customer
 * between segments), by the grid below — the widely used RF map (e.g. Putler, "RFM analysis
 * for successful customer segmentation"; the same grid with `Hibernating` split into
 * R = 2 Hibernating and R = 1 Lost). Every one of the 25 (R, F) cells belongs to exactly one
 * segment (checked by a unit test).
 *
 * | segment             | R    | F    | 中文       |
 * |---------------------|------|------|------------|
 * | champions           | 5    | 4–5  | 冠军客户     |
 * | loyal               | 3–4  | 4–5  | 忠诚客户     |
 * | potential_loyalists | 4–5  | 2–3  | 潜在忠诚客户 |
 * | new                 | 5    | 1    | 新客户       |
 * | promising           | 4    | 1    | 有潜力客户   |
 * | need_attention      | 3    | 3    | 需要关注     |
 * | about_to_sleep      | 3    | 1–2  | 即将沉睡     |
 * | at_risk             | 1–2  | 3–4  | 有流失风险   |
 * | cant_lose_them      | 1–2  | 5    | 不能失去     |
 * | hibernating         | 2    | 1–2  | 休眠客户     |
 * | lost                | 1    | 1–2  | 已流失       |
 */
import type { Bilingual } from './bilingual';

export type RfmSegment =
  | 'champions' | 'loyal' | 'potential_loyalists' | 'new' | 'promising' | 'need_attention'
  | 'about_to_sleep' | 'at_risk' | 'cant_lose_them' | 'hibernating' | 'lost';

export interface RfmSegmentRule {
  segment: RfmSegment;
  /** Inclusive [low, high] ranges of the R and F scores. */
  r: [number, number];
  f: [number, number];
  name: Bilingual;
}

/** THE segment table; see the module comment. */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { segment: 'champions', r: [5, 5], f: [4, 5], name: { en: 'Champions', zh: '冠军客户' } },
  { segment: 'loyal', r: [3, 4], f: [4, 5], name: { en: 'Loyal', zh: '忠诚客户' } },
  { segment: 'potential_loyalists', r: [4, 5], f: [2, 3], name: { en: 'Potential loyalists', zh: '潜在忠诚客户' } },
  { segment: 'new', r: [5, 5], f: [1, 1], name: { en: 'New', zh: '新客户' } },
  { segment: 'promising', r: [4, 4], f: [1, 1], name: { en: 'Promising', zh: '有潜力客户' } },
  { segment: 'need_attention', r: [3, 3], f: [3, 3], name: { en: 'Need attention', zh: '需要关注' } },
  { segment: 'about_to_sleep', r: [3, 3], f: [1, 2], name: { en: 'About to sleep', zh: '即将沉睡' } },
  { segment: 'at_risk', r: [1, 2], f: [3, 4], name: { en: 'At risk', zh: '有流失风险' } },
  { segment: 'cant_lose_them', r: [1, 2], f: [5, 5], name: { en: "Can't lose them", zh: '不能失去' } },
  { segment: 'hibernating', r: [2, 2], f: [1, 2], name: { en: 'Hibernating', zh: '休眠客户' } },
  { segment: 'lost', r: [1, 1], f: [1, 2], name: { en: 'Lost', zh: '已流失' } },
];

export interface RfmInput {
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export interface RfmScore {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/**
 * Quintile scores ⌈5 · (b + 1) / n⌉, b = number of values strictly below (see module comment).
 * @example quintileScores([10, 20, 20, 30, 40]) // → [1, 2, 2, 4, 5]
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const scores = new Array<number>(n);
  let below = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && values[order[i]] !== values[order[i - 1]]) below = i;
    scores[order[i]] = Math.ceil((5 * (below + 1)) / n);
  }
  return scores;
}

/** The segment of one (R, F) score pair. */
export function rfmSegment(r: number, f: number): RfmSegment {
  const rule = RFM_SEGMENT_RULES.find((x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]);
  if (!rule) throw new RangeError(`rfmSegment: scores must be integers 1–5, got R=${r} F=${f}`);
  return rule.segment;
}

/** The bilingual name of a segment. */
export function rfmSegmentName(segment: RfmSegment): Bilingual {
  return RFM_SEGMENT_RULES.find((x) => x.segment === segment)!.name;
}

/**
 * R, F, M scores and segment per customer, scored against the given population.
 * @throws RangeError when a value is not finite.
 */
export function rfmScores(customers: readonly RfmInput[]): RfmScore[] {
  customers.forEach((c, i) => {
    if (![c.recencyDays, c.frequency, c.monetary].every(Number.isFinite)) {
      throw new RangeError(`rfmScores: customer ${i} has a non-finite recency, frequency or monetary value`);
    }
  });
  const r = quintileScores(customers.map((c) => -c.recencyDays));
  const f = quintileScores(customers.map((c) => c.frequency));
  const m = quintileScores(customers.map((c) => c.monetary));
  return customers.map((_, i) => ({ r: r[i], f: f[i], m: m[i], segment: rfmSegment(r[i], f[i]) }));
}
