import { profileTags } from '../../../analytics/segment/tags';

describe('profileTags', () => {
  it('derives tags from the table and channel preferences', () => {
    expect(profileTags({
      features: { frequency: 1, channelShares: { app: 0.7, store: 0.3 } },
      rfmSegment: 'new', tier: 'low', lifecycle: 'new', group: 'growth_potential',
    })).toEqual(['new', 'one_time_buyer', 'prefers_mobile', 'prefers_app']);
    expect(profileTags({
      features: { frequency: 9, channelShares: { store: 0.8, mini_program: 0.2 } },
      rfmSegment: 'loyal', tier: 'high', lifecycle: 'at_risk', group: 'churn_risk',
    })).toEqual(['high_value', 'at_risk', 'loyal', 'prefers_store']);
  });

  it('takes the preference threshold from the caller', () => {
    const tags = profileTags(
      { features: { frequency: 2, channelShares: { web: 0.5, store: 0.5 } }, rfmSegment: 'promising', tier: 'medium', lifecycle: 'active', group: 'stable' },
      { preferShare: 0.5 },
    );
    expect(tags).toEqual(['prefers_store', 'prefers_web']);
  });
});
