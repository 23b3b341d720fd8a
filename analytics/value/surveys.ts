/**
 * NPS and CSAT overall, per group (segment, channel…) or per period (SPEC §5: "per segment and
 * over time"). A response may answer either question or both; unanswered ones are skipped.
 */
import { customerSatisfaction, type CsatResult } from './csat';
import { netPromoterScore, type NpsResult } from './nps';
import { periodOf, type Granularity } from '../calendar';
import type { SampleOptions } from './sampleSize';

export interface SurveyResponse {
  /** `YYYY-MM-DD` (a time part is ignored). */
  answeredAt: string;
  /** 0–10 recommendation score. */
  nps?: number | null;
  /** 1–5 satisfaction score. */
  csat?: number | null;
  /** Segment, channel or any other grouping label. */
  group?: string;
}

export type SurveyGrouping = 'overall' | 'group' | 'period';

export interface SurveyOptions extends SampleOptions {
  by: SurveyGrouping;
  /** For `by: 'period'`; default `month`. */
  granularity?: Granularity;
}

export interface SurveyScores {
  /** `all`, the group label (`unknown` when missing) or the period label. */
  key: string;
  nps: NpsResult;
  csat: CsatResult;
}

/**
 * Scores per key, keys sorted.
 * @example summarizeSurveys([{ answeredAt: '2024-05-01', nps: 10, csat: 5 }], { by: 'overall' })[0].nps.nps // 100
 */
export function summarizeSurveys(responses: readonly SurveyResponse[], options: SurveyOptions): SurveyScores[] {
  const granularity = options.granularity ?? 'month';
  const keyOf = (r: SurveyResponse): string => {
    switch (options.by) {
      case 'overall':
        return 'all';
      case 'group':
        return r.group ?? 'unknown';
      case 'period':
        return periodOf(r.answeredAt, granularity, 'summarizeSurveys');
    }
  };
  const buckets = new Map<string, { nps: number[]; csat: number[] }>();
  for (const r of responses) {
    const key = keyOf(r);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { nps: [], csat: [] }));
    if (r.nps !== undefined && r.nps !== null) bucket.nps.push(r.nps);
    if (r.csat !== undefined && r.csat !== null) bucket.csat.push(r.csat);
  }
  return [...buckets.entries()]
    .sort(([u], [w]) => u.localeCompare(w))
    .map(([key, bucket]) => ({ key, nps: netPromoterScore(bucket.nps, options), csat: customerSatisfaction(bucket.csat, options) }));
}
