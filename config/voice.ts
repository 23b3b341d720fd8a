/**
 * Voice-of-the-customer settings of a run (the `voice` block of the source config): the
 * recent window features and warnings look at, the tag thresholds and the warning threshold
 * on the run-to-run rise of a segment's share of negative comments.
 */
import { z } from 'zod';
import { MAX_WINDOW_DAYS } from './limits';

export const voiceOptionsSchema = z.object({
  /** Engagement score, negative comments "in the period" and detractor answers look back this many days. */
  recentDays: z.number().int().positive().max(MAX_WINDOW_DAYS).default(90),
  /** `negative_voice`: at least this many negative comments … */
  minNegativeComments: z.number().int().positive().default(2),
  /** … making at least this share of the customer's comments. */
  minNegativeShare: z.number().min(0).max(1).default(0.5),
  /** `social_influencer`: referrals that brought at least this many known customers … */
  minReferredCustomers: z.number().int().positive().default(3),
  /** … or a social reach (shares + referrals) of at least this. */
  minSocialReach: z.number().int().positive().default(20),
  /** Warn when a segment's share of negative comments rises by more than this (absolute, 0.05 = 5 points) since the previous run. */
  negativeShareRise: z.number().min(0).max(1).default(0.05),
});

export type VoiceOptions = z.infer<typeof voiceOptionsSchema>;
