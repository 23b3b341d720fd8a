/** Standardizes one raw survey response: NPS 0–10, CSAT 1–5, free-text comment. */
import { normalizeChannel } from './codes';
import { cleanComment } from './commentText';
import {
  optionalNumber, optionalText, requiredText, requiredTimestamp,
  RowRejection, standardizeWith, type CleanContext, type RawRow, type Standardized,
} from './fields';

export interface CleanSurveyResponse {
  responseId: string;
  customerId: string;
  answeredAt: Date;
  nps: number | null;
  csat: number | null;
  comment: string | null;
  channel: string | null;
}

/** Wide enough that an out-of-range score is reported as one (invalid_score) by `score`. */
const SCORE_BOUNDS = { min: -1e9, max: 1e9 };

function score(value: number | undefined, min: number, max: number, column: string): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RowRejection('invalid_score', column, `${column} ${value} is outside ${min}–${max}`);
  }
  return value;
}

export function standardizeSurveyResponse(raw: RawRow, ctx: CleanContext): Standardized<CleanSurveyResponse> {
  return standardizeWith((rules) => {
    const channelText = optionalText(raw, 'channel', rules);
    const comment = cleanComment(raw.comment);
    if (comment === undefined && raw.comment !== undefined) rules.add('blank_comment');
    return {
      responseId: requiredText(raw, 'response_id', rules),
      customerId: requiredText(raw, 'customer_id', rules, 'missing_customer_id'),
      answeredAt: requiredTimestamp(raw, 'answered_at', ctx, rules),
      nps: score(optionalNumber(raw, 'nps', ctx, rules, 'invalid_score', SCORE_BOUNDS), 0, 10, 'nps'),
      csat: score(optionalNumber(raw, 'csat', ctx, rules, 'invalid_score', SCORE_BOUNDS), 1, 5, 'csat'),
      comment: comment ?? null,
      channel: normalizeChannel(channelText) ?? channelText ?? null,
    };
  });
}
