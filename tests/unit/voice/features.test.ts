/** Engagement features and voice tags on hand-computed examples. */
import { engagementFeatures, type EventCount } from '../../../analytics/voice/engagement';
import { voiceTags, type VoiceTagInput } from '../../../analytics/voice/tags';
import { voiceOptionsSchema } from '../../../config/voice';

describe('engagementFeatures', () => {
  it('weighs recent events, compares them with the window before, and counts reach', () => {
    const counts: EventCount[] = [
      { eventType: 'visit', channel: 'app', window: 'recent', events: 3 }, // 3 × 1 = 3
      { eventType: 'share', channel: 'wechat', window: 'recent', events: 2 }, // 2 × 4 = 8
      { eventType: 'referral', channel: 'wechat', window: 'older', events: 1 }, // not in either window
      { eventType: 'email_click', channel: 'email', window: 'prior', events: 1 }, // 1 × 2 = 2
      { eventType: 'like', channel: 'weibo', window: 'prior', events: 1 }, // 1 × 2 = 2
    ];
    // recent = 11, prior = 4 → trend (11 − 4) / 15; channels: app 3, wechat 3 (tie → app), email 1, weibo 1.
    expect(engagementFeatures(counts)).toEqual({
      engagementScore: 11, engagementTrend: 7 / 15, events: 8, preferredChannel: 'app', shares: 2, referrals: 1, socialReach: 3,
    });
  });

  it('gives a customer who stopped engaging a trend of −1, and no events a neutral zero', () => {
    expect(engagementFeatures([{ eventType: 'visit', channel: null, window: 'prior', events: 4 }])).toMatchObject({ engagementScore: 0, engagementTrend: -1, preferredChannel: null });
    expect(engagementFeatures([])).toEqual({ engagementScore: 0, engagementTrend: 0, events: 0, preferredChannel: null, shares: 0, referrals: 0, socialReach: 0 });
  });
});

describe('voiceTags', () => {
  const options = voiceOptionsSchema.parse({});
  const quiet: VoiceTagInput = { hasOrders: true, events: 3, responses: 1, lastNps: null, comments: 0, negativeComments: 0, referredCustomers: 0, socialReach: 0 };

  it.each([
    ['a buyer with no event and no answer', { events: 0, responses: 0 }, ['silent']],
    ['the same person without orders', { hasOrders: false, events: 0, responses: 0 }, []],
    ['last NPS 9', { lastNps: 9 }, ['promoter']],
    ['last NPS 7', { lastNps: 7 }, []],
    ['last NPS 6', { lastNps: 6 }, ['detractor']],
    ['last NPS 0', { lastNps: 0 }, ['detractor']],
    ['2 of 4 comments negative', { comments: 4, negativeComments: 2 }, ['negative_voice']],
    ['2 of 5 comments negative (under half)', { comments: 5, negativeComments: 2 }, []],
    ['1 of 1 comment negative (too few)', { comments: 1, negativeComments: 1 }, []],
    ['referrals that brought 3 customers', { referredCustomers: 3 }, ['social_influencer']],
    ['a reach of 20 shares and referrals', { socialReach: 20 }, ['social_influencer']],
    ['a reach of 19', { socialReach: 19, referredCustomers: 2 }, []],
    ['a detractor with negative comments', { lastNps: 2, comments: 3, negativeComments: 3 }, ['detractor', 'negative_voice']],
  ])('%s', (_, change, tags) => {
    expect(voiceTags({ ...quiet, ...change }, options)).toEqual(tags);
  });

  it('follows configured thresholds', () => {
    expect(voiceTags({ ...quiet, referredCustomers: 1 }, { ...options, minReferredCustomers: 1 })).toEqual(['social_influencer']);
  });
});
