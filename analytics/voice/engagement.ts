/**
 * Engagement features of one customer (SPEC §3b) from event counts by type, channel and
 * window. The engagement score weighs each event by the effort it shows — a visit or an
 * opened e-mail 1, a click or a like 2, a comment or a follow 3, a share 4, a referral 5 —
 * summed over the recent window. The trend compares that window with the one before it:
 *   trend = (recent − prior) / (recent + prior) ∈ [−1, 1]   (0 when both are 0),
 * so +1 is a customer who just started engaging and −1 one who stopped.
 */
import type { EngagementEventType } from '../../config/canonical';

export const EVENT_WEIGHTS: Readonly<Record<EngagementEventType, number>> = {
  visit: 1, email_open: 1, email_click: 2, like: 2, comment: 3, follow: 3, share: 4, referral: 5,
};

/** `recent`: within the last recentDays before the cutoff; `prior`: the recentDays before that; `older`: earlier. */
export type EventWindow = 'recent' | 'prior' | 'older';

/** Events of one type on one channel in one window. */
export interface EventCount {
  readonly eventType: EngagementEventType;
  readonly channel: string | null;
  readonly window: EventWindow;
  readonly events: number;
}

export interface EngagementFeatures {
  engagementScore: number;
  engagementTrend: number;
  events: number;
  /** Channel with the most events (all windows); ties go to the alphabetically first; null without events. */
  preferredChannel: string | null;
  shares: number;
  referrals: number;
  /** shares + referrals */
  socialReach: number;
}

/**
 * @example
 * engagementFeatures([{ eventType: 'share', channel: 'wechat', window: 'recent', events: 2 },
 *                     { eventType: 'visit', channel: 'app', window: 'prior', events: 3 }])
 * // { engagementScore: 8, engagementTrend: (8 − 3) / 11, events: 5, preferredChannel: 'app', shares: 2, referrals: 0, socialReach: 2 }
 */
export function engagementFeatures(counts: readonly EventCount[]): EngagementFeatures {
  let recent = 0;
  let prior = 0;
  let events = 0;
  let shares = 0;
  let referrals = 0;
  const byChannel = new Map<string, number>();
  for (const c of counts) {
    const weighted = EVENT_WEIGHTS[c.eventType] * c.events;
    if (c.window === 'recent') recent += weighted;
    else if (c.window === 'prior') prior += weighted;
    events += c.events;
    if (c.eventType === 'share') shares += c.events;
    if (c.eventType === 'referral') referrals += c.events;
    if (c.channel !== null) byChannel.set(c.channel, (byChannel.get(c.channel) ?? 0) + c.events);
  }
  const preferred = [...byChannel].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return {
    engagementScore: recent,
    engagementTrend: recent + prior === 0 ? 0 : (recent - prior) / (recent + prior),
    events,
    preferredChannel: preferred ? preferred[0] : null,
    shares,
    referrals,
    socialReach: shares + referrals,
  };
}
