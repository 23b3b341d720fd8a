/**
 * Voice tags (SPEC §3b) of one customer, added to the profile tags the segment stage writes:
 * | tag               | rule                                                                    |
 * |-------------------|-------------------------------------------------------------------------|
 * | promoter          | last NPS answer 9–10                                                    |
 * | detractor         | last NPS answer 0–6                                                     |
 * | negative_voice    | ≥ minNegativeComments negative comments, ≥ minNegativeShare of them all |
 * | social_influencer | referrals brought ≥ minReferredCustomers customers, or social reach ≥ minSocialReach |
 * | silent            | buys, but no engagement event, survey answer or review at all          |
 */
import type { VoiceOptions } from '../../config/voice';

export const VOICE_TAGS = ['promoter', 'detractor', 'negative_voice', 'social_influencer', 'silent'] as const;
export type VoiceTag = (typeof VOICE_TAGS)[number];

export interface VoiceTagInput {
  readonly hasOrders: boolean;
  readonly events: number;
  /** Survey answers and reviews. */
  readonly responses: number;
  readonly lastNps: number | null;
  readonly comments: number;
  readonly negativeComments: number;
  readonly referredCustomers: number;
  readonly socialReach: number;
}

export type VoiceTagOptions = Pick<VoiceOptions, 'minNegativeComments' | 'minNegativeShare' | 'minReferredCustomers' | 'minSocialReach'>;

/**
 * @example
 * voiceTags({ hasOrders: true, events: 0, responses: 0, lastNps: null, comments: 0, negativeComments: 0, referredCustomers: 0, socialReach: 0 },
 *           { minNegativeComments: 2, minNegativeShare: 0.5, minReferredCustomers: 3, minSocialReach: 20 })
 * // ['silent']
 */
export function voiceTags(c: VoiceTagInput, o: VoiceTagOptions): VoiceTag[] {
  const tags: VoiceTag[] = [];
  if (c.lastNps !== null && c.lastNps >= 9) tags.push('promoter');
  if (c.lastNps !== null && c.lastNps <= 6) tags.push('detractor');
  if (c.negativeComments >= o.minNegativeComments && c.negativeComments >= o.minNegativeShare * c.comments) tags.push('negative_voice');
  if (c.referredCustomers >= o.minReferredCustomers || c.socialReach >= o.minSocialReach) tags.push('social_influencer');
  if (c.hasOrders && c.events === 0 && c.responses === 0) tags.push('silent');
  return tags;
}
