/** Standardizes one raw product review: rating 1–5 (full-width digits and 星 accepted), non-empty text. */
import { normalizeChannel } from './codes';
import { cleanComment } from './commentText';
import {
  optionalText, requiredText, requiredTimestamp,
  RowRejection, standardizeWith, type CleanContext, type RawRow, type Standardized,
} from './fields';

export interface CleanReview {
  reviewId: string;
  customerId: string;
  reviewedAt: Date;
  rating: number;
  text: string;
  productId: string | null;
  channel: string | null;
}

/** `4`, `４`, `4星`, `4.0`, `★★★★` → 4; a rejection naming the column otherwise. */
export function parseRating(text: string): number {
  const stars = /^[★]{1,5}$/.test(text) ? text.length : Number(text.replace(/\s*(星|stars?)$/i, ''));
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new RowRejection('invalid_rating', 'rating', `rating "${text}" is not a whole number of stars 1–5`);
  return stars;
}

export function standardizeReview(raw: RawRow, ctx: CleanContext): Standardized<CleanReview> {
  return standardizeWith((rules) => {
    const channelText = optionalText(raw, 'channel', rules);
    const text = cleanComment(raw.text);
    if (text === undefined) throw new RowRejection('empty_comment', 'text', 'review text is empty or whitespace only');
    return {
      reviewId: requiredText(raw, 'review_id', rules),
      customerId: requiredText(raw, 'customer_id', rules, 'missing_customer_id'),
      reviewedAt: requiredTimestamp(raw, 'reviewed_at', ctx, rules),
      rating: parseRating(requiredText(raw, 'rating', rules)),
      text,
      productId: optionalText(raw, 'product_id', rules) ?? null,
      channel: normalizeChannel(channelText) ?? channelText ?? null,
    };
  });
}
